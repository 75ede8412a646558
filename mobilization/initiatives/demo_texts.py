# ruff: noqa: E501 - French texts, kept one sentence to a line so that they read as they will show.
"""The demo's initiatives: the kinds of climate initiative that Parisians actually run, in French.

Each kind has several ways of being named and summed up, and the seeder (demo.py) places it on a real
street of an arrondissement (territory/streets.py), so that no two initiatives share a title or a summary.
Placeholders: `{rue}` ("rue Mouffetard"), `{Rue}` ("Rue Mouffetard"), `{de_rue}` ("de la rue Mouffetard",
"du quai de Valmy"), `{arr}` ("5e"), `{detail}` (one of the kind's details, e.g. the day it meets).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    organiser: str  # the e-mail of the demo organiser who runs this kind of initiative
    themes: list[str]
    titles: list[str]
    summaries: list[str]
    descriptions: list[str]
    details: list[str]
    needs: str
    volunteers: int
    skills: list[str]


NADIA = "organiser@demo.climat.test"
LEA = "orga.lea@demo.climat.test"
SAMIR = "orga.samir@demo.climat.test"
JULIE = "orga.julie@demo.climat.test"
TOM = "orga.tom@demo.climat.test"
FATOU = "orga.fatou@demo.climat.test"
BEN = "orga.ben@demo.climat.test"

# (e-mail, display name) of the organisers besides Nadia (accounts/demo.py creates her).
ORGANISERS = [
    (LEA, "Léa (Collectif Rues aux écoles)"),
    (SAMIR, "Samir (atelier vélo participatif)"),
    (JULIE, "Julie (AMAP et anti-gaspi)"),
    (TOM, "Tom (Repair Café)"),
    (FATOU, "Fatou (jardins partagés)"),
    (BEN, "Ben (rénovation en copropriété)"),
]

KINDS = [
    Kind(
        key="repair_cafe",
        organiser=TOM,
        themes=["waste_repair", "consumption"],
        titles=["Repair Café {Rue}", "Repair Café du {arr} – {rue}", "On répare ensemble, {rue}"],
        summaries=[
            "Grille-pain, lampes, vêtements : des bénévoles réparent avec vous au lieu de jeter, {detail}, "
            "{rue}.",
            "Un Repair Café de quartier {rue} : petit électroménager, informatique et couture, {detail}.",
            "Apprendre à réparer ses objets plutôt que de les remplacer : rendez-vous {detail}, {rue} ({arr}).",
        ],
        descriptions=[
            "Petit électroménager, vêtements, jouets, ordinateurs : nos réparateurs bénévoles vous montrent "
            "comment faire. Un café, un gâteau, et des objets qui repartent pour des années.\n\n"
            "- Gratuit, participation libre\n- Apportez l'objet et, si possible, sa notice",
            "Nous tenons un carnet de chaque réparation : deux objets sur trois repartent en état de marche. "
            "Nous cherchons surtout des personnes à l'aise avec la **soudure** et la **machine à coudre**.",
        ],
        details=["le premier samedi du mois", "un dimanche sur deux", "le troisième samedi du mois"],
        needs="Des bricoleurs en électronique et en couture",
        volunteers=4,
        skills=["électronique", "couture", "bricolage"],
    ),
    Kind(
        key="bike_workshop",
        organiser=SAMIR,
        themes=["mobility", "waste_repair"],
        titles=[
            "Atelier vélo participatif {Rue}",
            "La Clé à molette du {arr}",
            "Vélo-école et atelier, {rue}",
        ],
        summaries=[
            "Un atelier où l'on répare soi-même son vélo, outils et conseils fournis, {detail}, {rue}.",
            "Freins, crevaisons, dérailleurs : des mécaniciens bénévoles vous apprennent à entretenir votre "
            "vélo, {detail} ({arr}).",
            "Apprendre à rouler en ville et à réparer son vélo : cours pour adultes et atelier, {rue}, "
            "{detail}.",
        ],
        descriptions=[
            "Chaque semaine, des bénévoles mécaniciens vous aident à **régler vos freins**, changer une "
            "chambre à air ou redresser une roue.\n\n- Outils et pièces d'occasion sur place\n- Débutants "
            "bienvenus",
            "Nous remettons en état des vélos donnés et les proposons à prix libre aux étudiants et aux "
            "personnes qui cherchent un emploi. Cours de remise en selle pour adultes sur inscription.",
        ],
        details=["le samedi matin", "le mercredi soir", "le dimanche après-midi"],
        needs="Des mécaniciens bénévoles le samedi matin",
        volunteers=2,
        skills=["mécanique vélo", "accueil"],
    ),
    Kind(
        key="compost",
        organiser=NADIA,
        themes=["waste_repair", "greening"],
        titles=["Compost partagé {rue}", "Les Épluchures du {arr}", "Composteur de quartier – {Rue}"],
        summaries=[
            "Trois bacs de compost ouverts aux voisins {detail} : les épluchures deviennent du terreau, {rue}.",
            "Un composteur de rue géré par les habitants {rue}, permanences {detail}.",
            "Déposer ses déchets de cuisine et repartir avec du compost : le composteur collectif du {arr} "
            "({rue}), {detail}.",
        ],
        descriptions=[
            "Nous gérons des bacs de compost ouverts aux habitants deux fois par semaine. Apportez vos "
            "épluchures, repartez avec du terreau pour vos plantes.\n\nUn bioseau est prêté à chaque foyer "
            "inscrit ; formation au compostage offerte aux nouveaux référents.",
            "Le composteur a été installé avec la Ville et la mairie d'arrondissement. Les référents se "
            "relaient aux permanences, retournent le compost et accueillent les nouveaux foyers.",
        ],
        details=["le mercredi et le samedi", "le samedi matin", "le mardi soir et le dimanche matin"],
        needs="Des référents pour les permanences",
        volunteers=3,
        skills=["compostage", "jardinage"],
    ),
    Kind(
        key="shared_garden",
        organiser=FATOU,
        themes=["greening", "food", "water"],
        titles=["Jardin partagé {Rue}", "Le Potager des voisins, {rue}", "Les Jardiniers du {arr}"],
        summaries=[
            "Un potager collectif où voisins et écoles cultivent légumes et fleurs mellifères, {rue}.",
            "Parcelles partagées, récupération d'eau de pluie et hôtel à insectes : le jardin est ouvert "
            "{detail} ({rue}).",
            "Cultiver ensemble au cœur du {arr} : un jardin de 300 m² ouvert aux habitants {detail}, {rue}.",
        ],
        descriptions=[
            "Parcelles collectives, récupération d'eau de pluie et **hôtel à insectes**. Des ateliers pour "
            "les enfants du quartier le mercredi après-midi.",
            "Le jardin est signataire de la charte Main Verte de la Ville. Chaque adhérent s'engage à une "
            "permanence par mois ; les récoltes sont partagées entre les jardiniers.",
        ],
        details=["le week-end", "le mercredi après-midi et le samedi", "tous les jours d'avril à octobre"],
        needs="Des arroseurs pendant l'été",
        volunteers=5,
        skills=["jardinage", "animation enfants"],
    ),
    Kind(
        key="school_street",
        organiser=LEA,
        themes=["mobility", "education"],
        titles=[
            "Rue aux écoles {de_rue}",
            "Parents pour une rue scolaire – {Rue}",
            "Sécuriser le chemin de l'école, {rue}",
        ],
        summaries=[
            "Des parents demandent et animent une rue fermée aux voitures devant l'école, {rue}.",
            "Rendre la rue de l'école aux enfants : végétalisation, bancs et fermeture à la circulation "
            "{detail} ({rue}).",
            "Un collectif de parents du {arr} pour que les enfants aillent à l'école à pied ou à vélo en "
            "sécurité, {rue}.",
        ],
        descriptions=[
            "Nous comptons les voitures aux heures d'entrée et de sortie, recueillons l'avis des riverains "
            "et accompagnons la mairie d'arrondissement dans le projet de **rue aux écoles**.",
            "Chaque vendredi, nous organisons un pédibus depuis les deux stations de métro les plus proches. "
            "Nous cherchons des parents pour encadrer les trajets.",
        ],
        details=["aux heures d'entrée et de sortie", "le matin de 8 h à 9 h", "le vendredi"],
        needs="Des parents pour encadrer le pédibus",
        volunteers=4,
        skills=["encadrement d'enfants", "cartographie"],
    ),
    Kind(
        key="renovation",
        organiser=BEN,
        themes=["energy"],
        titles=[
            "Copropriétés en rénovation, {rue}",
            "Collectif rénovation énergétique du {arr}",
            "Isolons nos immeubles – {Rue}",
        ],
        summaries=[
            "Des copropriétaires s'entraident pour lancer l'isolation de leurs immeubles et obtenir les "
            "aides, {rue}.",
            "Audit énergétique, vote en assemblée générale, aides de l'Éco-rénovons Paris : un collectif "
            "pour avancer ensemble, {rue} ({arr}).",
            "Réunions {detail} pour les copropriétés du quartier qui veulent rénover, {rue}.",
        ],
        descriptions=[
            "Nous partageons les devis, les retours d'expérience et les contacts des conseillers de l'Agence "
            "Parisienne du Climat. Deux immeubles du collectif ont voté leurs travaux cette année.",
            "Nous prêtons une caméra thermique et des wattmètres, et organisons des visites d'immeubles "
            "déjà rénovés pour convaincre les copropriétaires hésitants.",
        ],
        details=["le premier mardi du mois", "un jeudi par mois", "chaque trimestre"],
        needs="Des bénévoles pour les visites d'immeubles",
        volunteers=3,
        skills=["conseil énergie", "droit de la copropriété"],
    ),
    Kind(
        key="clothing_swap",
        organiser=LEA,
        themes=["consumption", "solidarity"],
        titles=["Troc de vêtements {rue}", "La Friperie gratuite du {arr}", "Gratiféria {Rue}"],
        summaries=[
            "On apporte des vêtements propres, on repart avec d'autres : un troc {detail}, {rue}.",
            "Une gratiféria où tout est gratuit : vêtements, livres et jouets changent de mains, {detail} "
            "({rue}).",
            "Vider ses placards sans jeter : un troc de vêtements enfants et adultes, {rue}, {detail}.",
        ],
        descriptions=[
            "Apportez jusqu'à dix vêtements propres et repartez avec ceux qui vous plaisent. Ce qui reste est "
            "donné à une ressourcerie du quartier.",
            "Nous trions, nous accrochons, nous conseillons : une petite équipe accueille les dons la veille "
            "et tient les cabines d'essayage le jour du troc.",
        ],
        details=["au changement de saison", "le dernier dimanche du mois", "deux fois par an"],
        needs="Des bénévoles pour le tri la veille",
        volunteers=3,
        skills=["accueil", "tri"],
    ),
    Kind(
        key="tree_planting",
        organiser=FATOU,
        themes=["greening", "water"],
        titles=["Les Pieds d'arbres {de_rue}", "Végétalisons le {arr}", "Plantons des arbres {rue}"],
        summaries=[
            "Avec le permis de végétaliser, les riverains plantent et entretiennent les pieds d'arbres, {rue}.",
            "Jardinières, plantes grimpantes et pieds d'arbres pour rafraîchir la rue l'été, {rue} ({arr}).",
            "Des voisins plantent et arrosent de jeunes arbres avec la Ville, {detail}, {rue}.",
        ],
        descriptions=[
            "Avec le permis de végétaliser de la Ville, nous plantons et entretenons des fleurs et des "
            "plantes grimpantes pour rafraîchir la rue et accueillir la biodiversité.",
            "Un tour d'arrosage partagé sur une application de messagerie : chacun prend une semaine. Nous "
            "plantons des espèces qui supportent la sécheresse.",
        ],
        details=["à l'automne", "pendant la saison de plantation", "en novembre"],
        needs="Des arroseurs pendant les vacances",
        volunteers=6,
        skills=["jardinage"],
    ),
    Kind(
        key="climate_fresk",
        organiser=LEA,
        themes=["education"],
        titles=[
            "Fresque du Climat {rue}",
            "Ateliers climat du {arr}",
            "Comprendre le climat en trois heures, {rue}",
        ],
        summaries=[
            "Trois heures pour comprendre le dérèglement climatique avec un jeu collaboratif, {detail}, {rue}.",
            "Fresques du Climat et de la Biodiversité pour les habitants et les commerçants du {arr}, {rue}.",
            "Des animateurs bénévoles proposent des ateliers climat {detail} : gratuits, sur inscription "
            "({rue}).",
        ],
        descriptions=[
            "Des animateurs formés proposent des Fresques du Climat chaque mois pour les habitants, les "
            "associations et les commerçants du quartier. Gratuit, sur inscription.",
            "Après la fresque, un atelier « 2 tonnes » aide chacun à chiffrer ce qu'il peut changer. Nous "
            "intervenons aussi dans les collèges et les conseils de quartier.",
        ],
        details=["un jeudi soir par mois", "le samedi après-midi", "deux fois par mois"],
        needs="Des animateurs formés à la Fresque",
        volunteers=2,
        skills=["animation", "pédagogie"],
    ),
    Kind(
        key="amap",
        organiser=JULIE,
        themes=["food", "consumption"],
        titles=["AMAP {Rue}", "Les Paniers du {arr}", "Légumes paysans {rue}"],
        summaries=[
            "Des paniers de légumes bio d'un maraîcher d'Île-de-France, distribués {detail}, {rue}.",
            "Une AMAP qui relie des familles du {arr} à une ferme de Seine-et-Marne : distribution {detail}, "
            "{rue}.",
            "Contrat à la saison avec un maraîcher du Vexin, pain et œufs en option, {rue}.",
        ],
        descriptions=[
            "Notre AMAP relie une soixantaine de familles à une ferme de Seine-et-Marne. Contrat à la saison, "
            "distribution le soir, visites de la ferme au printemps.",
            "Chaque adhérent tient une permanence de distribution par trimestre. Les paniers non retirés "
            "sont donnés à une association d'aide alimentaire du quartier.",
        ],
        details=["le jeudi soir", "le mardi soir", "le vendredi de 18 h à 20 h"],
        needs="Des bénévoles pour la distribution",
        volunteers=3,
        skills=["logistique", "accueil"],
    ),
    Kind(
        key="anti_waste_grocery",
        organiser=JULIE,
        themes=["food", "solidarity"],
        titles=["Épicerie anti-gaspi {rue}", "Les Invendus solidaires du {arr}", "Frigo solidaire {Rue}"],
        summaries=[
            "Les invendus des boulangeries et primeurs du quartier redistribués aux familles qui en ont "
            "besoin, {rue}.",
            "Un frigo en libre-service où commerçants et voisins déposent ce qu'ils ne mangeront pas, {rue} "
            "({arr}).",
            "Collecte des invendus le soir à vélo cargo et distribution {detail}, {rue}.",
        ],
        descriptions=[
            "Collecte chaque soir auprès des boulangeries et primeurs, tri et distribution le lendemain. Plus "
            "de 200 kg de nourriture sauvés chaque semaine.",
            "Le frigo est nettoyé chaque jour et les dates sont vérifiées par l'équipe. Nous respectons les "
            "règles d'hygiène des dons alimentaires.",
        ],
        details=["le lendemain matin", "le samedi", "chaque soir de semaine"],
        needs="Des collecteurs à vélo le soir",
        volunteers=4,
        skills=["logistique", "vélo cargo"],
    ),
    Kind(
        key="school_canteen",
        organiser=JULIE,
        themes=["food", "education"],
        titles=[
            "Cantine bas carbone – école {de_rue}",
            "Parents pour une cantine durable du {arr}",
            "Moins de gaspillage à la cantine, {rue}",
        ],
        summaries=[
            "Parents et cuisiniers pour une cantine plus végétale, locale et sans gaspillage, école {de_rue}.",
            "Pesée des restes et menus végétariens : les parents d'élèves travaillent avec la caisse des "
            "écoles du {arr}.",
            "Mesurer le gaspillage à la cantine {detail} et proposer des menus de saison, école {de_rue}.",
        ],
        descriptions=[
            "Pesée des restes, menus végétariens deux fois par semaine, approvisionnement auprès de "
            "producteurs franciliens : nous travaillons avec la caisse des écoles.",
            "Les élèves délégués pèsent le pain et les plats non consommés ; les résultats sont affichés "
            "dans le hall. Le gaspillage a baissé d'un tiers en un an.",
        ],
        details=["chaque trimestre", "une semaine par mois", "au retour des vacances"],
        needs="Des parents pour les pesées du midi",
        volunteers=2,
        skills=["nutrition"],
    ),
    Kind(
        key="heatwave_neighbours",
        organiser=NADIA,
        themes=["solidarity", "water"],
        titles=[
            "Voisins solidaires canicule {rue}",
            "Réseau d'entraide été du {arr}",
            "Veille canicule – {Rue}",
        ],
        summaries=[
            "Appeler et visiter les voisins âgés ou isolés pendant les fortes chaleurs, {rue}.",
            "Un réseau de voisins qui se relaient l'été pour apporter de l'eau et prendre des nouvelles, {rue} "
            "({arr}).",
            "Repérer les voisins fragiles avant l'été et les inscrire au registre REFLEX, {rue}.",
        ],
        descriptions=[
            "Organisons-nous pour appeler et visiter les voisins isolés pendant les fortes chaleurs. Nous "
            "indiquons aussi les îlots de fraîcheur et les fontaines les plus proches.",
            "Chaque bénévole suit trois ou quatre voisins. Nous travaillons avec le CCAS et les gardiens "
            "d'immeubles pour ne laisser personne seul pendant les canicules.",
        ],
        details=["de juin à septembre", "pendant les alertes canicule", "tout l'été"],
        needs="Des voisins disponibles en juillet et août",
        volunteers=6,
        skills=["écoute", "accompagnement"],
    ),
    Kind(
        key="bike_bus",
        organiser=SAMIR,
        themes=["mobility", "education"],
        titles=[
            "Vélobus de l'école {de_rue}",
            "À vélo à l'école dans le {arr}",
            "Cortège vélo des enfants, {rue}",
        ],
        summaries=[
            "Un convoi d'enfants à vélo encadré par des parents, chaque matin d'école, départ {rue}.",
            "Accompagner les enfants à l'école à vélo en groupe, {detail} ({rue}).",
            "Des parents du {arr} encadrent un trajet à vélo sécurisé vers les écoles, départ {rue}.",
        ],
        descriptions=[
            "Le vélobus part à heure fixe et récupère les enfants à des arrêts connus. Deux adultes au moins "
            "l'encadrent, gilets et sonnettes fournis.",
            "Nous avons commencé à six familles ; le vélobus en compte aujourd'hui une vingtaine. Un atelier "
            "de réglage des vélos a lieu avant chaque rentrée.",
        ],
        details=["le vendredi matin", "le lundi et le jeudi matin", "chaque matin d'école"],
        needs="Des parents pour encadrer les trajets",
        volunteers=3,
        skills=["vélo", "encadrement d'enfants"],
    ),
    Kind(
        key="solar_roof",
        organiser=BEN,
        themes=["energy"],
        titles=[
            "Toits solaires citoyens, {rue}",
            "Énergie citoyenne du {arr}",
            "Panneaux solaires en copropriété – {Rue}",
        ],
        summaries=[
            "Des habitants financent ensemble des panneaux solaires sur les toits du quartier, {rue}.",
            "Étudier les toits du {arr} qui peuvent porter des panneaux solaires et lancer une coopérative, "
            "{rue}.",
            "Produire de l'électricité renouvelable sur les toits des immeubles et des écoles, {rue}, "
            "réunions {detail}.",
        ],
        descriptions=[
            "Nous repérons les toits adaptés avec le cadastre solaire de Paris, rencontrons les syndics et "
            "proposons aux habitants de devenir sociétaires de l'installation.",
            "Une première installation de 36 kWc produit depuis le printemps ; nous préparons la suivante "
            "sur le toit d'un gymnase.",
        ],
        details=["un mercredi par mois", "chaque trimestre", "le premier jeudi du mois"],
        needs="Des bénévoles pour étudier les toits",
        volunteers=2,
        skills=["énergie solaire", "finance participative"],
    ),
    Kind(
        key="zero_waste",
        organiser=TOM,
        themes=["waste_repair", "consumption"],
        titles=[
            "Familles zéro déchet {rue}",
            "Défi Rien de neuf du {arr}",
            "Zéro déchet au quotidien, {rue}",
        ],
        summaries=[
            "Accompagner des familles du quartier pour réduire leurs déchets de moitié en six mois, {rue}.",
            "Ateliers vrac, produits ménagers maison et troc de bocaux : rendez-vous {detail}, {rue}.",
            "Un an sans rien acheter de neuf : un groupe d'entraide du {arr} qui partage ses trucs, {rue}.",
        ],
        descriptions=[
            "Ateliers vrac, fabrication de produits ménagers, troc de bocaux. Chaque famille pèse sa poubelle "
            "et nous publions les progrès du groupe.",
            "Nous nous retrouvons pour partager les adresses de seconde main, de location et de réparation "
            "du quartier, et pour tenir ensemble le défi.",
        ],
        details=["le deuxième samedi du mois", "un mardi soir par mois", "le dimanche matin"],
        needs="Des animateurs d'ateliers",
        volunteers=2,
        skills=["animation", "cuisine"],
    ),
]

NEWS = [
    (
        "Merci pour samedi !",
        "Vous étiez **plus de 40** : merci à toutes et à tous. Prochain rendez-vous le mois prochain.",
    ),
    ("Nouveaux horaires", "À partir de la semaine prochaine, nous ouvrons aussi le mercredi de 17 h à 19 h."),
    (
        "Bilan du trimestre",
        "Douze nouveaux bénévoles nous ont rejoints ce trimestre. Le compte rendu de l'assemblée est en ligne.",
    ),
]

# What each kind of initiative organises: (title, description, venue), the venue where such an event happens.
EVENTS = {
    "repair_cafe": [
        (
            "Repair Café",
            "Grille-pain, lampe, vêtement, petit meuble : nos réparateurs bénévoles vous aident à redonner vie à vos objets. Gratuit, sans inscription obligatoire.",
            "Café associatif",
        ),
        (
            "Atelier couture : repriser et ourler",
            "Apportez un vêtement à reprendre ; machines à coudre et fil fournis.",
            "Salle associative",
        ),
    ],
    "bike_workshop": [
        (
            "Atelier d'autoréparation vélo",
            "Crevaison, freins, dérailleur : venez apprendre à entretenir votre vélo avec nos bénévoles. Outils fournis.",
            "Atelier vélo",
        ),
        (
            "Marquage Bicycode contre le vol",
            "Faites graver votre vélo pour le retrouver en cas de vol. Apportez une pièce d'identité et la facture si vous l'avez.",
            "Atelier vélo",
        ),
    ],
    "compost": [
        (
            "Permanence du composteur",
            "Déposez vos épluchures et posez vos questions aux référents. Bioseaux prêtés aux nouveaux foyers.",
            "Composteur de quartier",
        ),
        (
            "Récolte du compost",
            "Nous tamisons le compost mûr et le partageons entre les foyers participants. Apportez un sac.",
            "Composteur de quartier",
        ),
    ],
    "shared_garden": [
        (
            "Chantier participatif au jardin",
            "Désherbage, paillage et semis de saison. Pas besoin d'expérience, venez avec des vêtements qui ne craignent rien.",
            "Jardin partagé",
        ),
        (
            "Troc de graines et de plants",
            "Échangez graines, boutures et plants de tomates ; conseils de semis par les jardiniers.",
            "Jardin partagé",
        ),
    ],
    "school_street": [
        (
            "Comptage des voitures devant l'école",
            "Une heure de comptage aux heures d'entrée pour documenter le trafic. Feuilles et gilets fournis.",
            "Devant l'école",
        ),
        (
            "Réunion des parents pour la rue aux écoles",
            "Point sur le projet avec la mairie d'arrondissement et préparation de la prochaine étape.",
            "Préau de l'école",
        ),
    ],
    "renovation": [
        (
            "Réunion : voter les travaux en copropriété",
            "Audit, devis, aides : un conseiller de l'Agence Parisienne du Climat répond aux copropriétaires.",
            "Salle associative",
        ),
        (
            "Balade thermique du quartier",
            "Une caméra thermique à la main, nous repérons les fuites de chaleur des façades et parlons isolation.",
            "Point de départ",
        ),
    ],
    "clothing_swap": [
        (
            "Troc de vêtements",
            "Apportez jusqu'à dix vêtements propres et repartez avec ceux qui vous plaisent. Ce qui reste est donné à une ressourcerie.",
            "Salle associative",
        ),
        (
            "Tri des dons avant le troc",
            "Nous trions et accrochons les vêtements déposés ; venez prêter main-forte.",
            "Local du collectif",
        ),
    ],
    "tree_planting": [
        (
            "Plantation au pied des arbres",
            "Nous végétalisons les pieds d'arbres de la rue avec le permis de végétaliser de la Ville. Graines et outils fournis.",
            "Point de départ",
        ),
        (
            "Tournée d'arrosage",
            "Nous arrosons les jeunes arbres et les jardinières de la rue. Apportez un arrosoir si vous en avez un.",
            "Point de départ",
        ),
    ],
    "climate_fresk": [
        (
            "Fresque du Climat",
            "Trois heures pour comprendre les causes et conséquences du dérèglement climatique, en équipe, à partir des rapports du GIEC.",
            "Salle associative",
        ),
        (
            "Atelier 2 tonnes",
            "Un atelier pour chiffrer son empreinte carbone et construire ensemble un chemin vers 2 tonnes par personne.",
            "Café associatif",
        ),
    ],
    "amap": [
        (
            "Distribution des paniers et rencontre producteurs",
            "Rencontrez le maraîcher de l'AMAP, découvrez les légumes de saison et inscrivez-vous pour la prochaine saison.",
            "Local de distribution",
        ),
        (
            "Réunion d'information AMAP",
            "Comment fonctionne le contrat, ce que contient un panier, comment tenir une permanence.",
            "Salle associative",
        ),
    ],
    "anti_waste_grocery": [
        (
            "Cuisine anti-gaspi",
            "Nous cuisinons ensemble les invendus du marché puis partageons le repas. Venez avec une boîte pour repartir avec les restes.",
            "Cuisine partagée",
        ),
        (
            "Collecte des invendus à vélo cargo",
            "Une tournée des boulangeries et primeurs du quartier ; formation au vélo cargo sur place.",
            "Local du collectif",
        ),
    ],
    "school_canteen": [
        (
            "Pesée des restes à la cantine",
            "Avec les élèves délégués, nous pesons le pain et les plats non consommés pendant une semaine.",
            "Préau de l'école",
        ),
        (
            "Réunion parents et caisse des écoles",
            "Présentation des résultats des pesées et des prochains menus de saison.",
            "Préau de l'école",
        ),
    ],
    "heatwave_neighbours": [
        (
            "Réunion des voisins solidaires canicule",
            "Organisons-nous pour appeler et visiter les voisins isolés pendant les fortes chaleurs. Café offert.",
            "Salle associative",
        ),
        (
            "Porte-à-porte avant l'été",
            "Nous présentons le registre REFLEX aux voisins âgés ou isolés et laissons nos numéros.",
            "Point de départ",
        ),
    ],
    "bike_bus": [
        (
            "Répétition du vélobus",
            "Un trajet d'essai avec les enfants et les parents encadrants, pour caler les arrêts et les horaires.",
            "Point de départ",
        ),
        (
            "Réglage des vélos des enfants",
            "Freins, selle, éclairage : les vélos des enfants révisés avant la rentrée.",
            "Préau de l'école",
        ),
    ],
    "solar_roof": [
        (
            "Réunion publique : des panneaux sur nos toits",
            "Présentation du projet, du cadastre solaire de Paris et de la coopérative ; questions des habitants.",
            "Salle associative",
        ),
        (
            "Visite d'une installation solaire",
            "Visite d'un toit équipé avec les sociétaires qui l'ont financé. Chaussures fermées obligatoires.",
            "Point de départ",
        ),
    ],
    "zero_waste": [
        (
            "Atelier produits ménagers maison",
            "Lessive, nettoyant multi-usage, pastilles lave-vaisselle : trois recettes, repartez avec vos flacons.",
            "Salle associative",
        ),
        (
            "Apéro zéro déchet",
            "Chacun apporte un plat en bocal ; on échange adresses de vrac et de seconde main du quartier.",
            "Café associatif",
        ),
    ],
}
