"""Real streets of Paris, a few per arrondissement, each with a point on the street inside that
arrondissement: what the demo builds its addresses from, so that "rue Mouffetard" is never in the 1st.

A street that crosses from one arrondissement into another (rue de Vaugirard, rue du Faubourg-Saint-Denis)
is given the house number and the point of its stretch in the arrondissement it is listed under. The
numbers are plausible for that stretch, not the address of a real venue. `tests/test_streets.py` checks
every point with `district_at()` against the arrondissement it is listed under.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Street:
    name: str  # as written in an address: "rue Mouffetard"
    number: int  # a house number on the arrondissement's stretch of the street
    lat: float
    lon: float

    def address(self, arrondissement: int, venue: str = "") -> str:
        """ "Jardin partagé – 56 rue Mouffetard, 75005 Paris"."""
        street = f"{self.number} {self.name}, {postcode(arrondissement)} Paris"
        return f"{venue} – {street}" if venue else street


def postcode(arrondissement: int) -> str:
    """75001 … 75020 (the 16th's second code, 75116, is not used here)."""
    return f"750{arrondissement:02d}"


STREETS: dict[int, list[Street]] = {
    1: [
        Street("rue Saint-Honoré", 163, 48.8623, 2.3403),
        Street("rue du Louvre", 14, 48.8622, 2.3418),
        Street("rue Montmartre", 22, 48.8640, 2.3447),
        Street("place du Marché-Saint-Honoré", 9, 48.8665, 2.3320),
        Street("rue Saint-Denis", 60, 48.8603, 2.3483),
        Street("rue des Prouvaires", 8, 48.8616, 2.3440),
    ],
    2: [
        Street("rue Montorgueil", 62, 48.8660, 2.3468),
        Street("rue du Nil", 8, 48.8680, 2.3487),
        Street("rue des Petits-Carreaux", 26, 48.8685, 2.3478),
        Street("rue de Cléry", 41, 48.8693, 2.3470),
        Street("rue Vivienne", 45, 48.8690, 2.3405),
        Street("rue d'Aboukir", 98, 48.8683, 2.3495),
    ],
    3: [
        Street("rue de Bretagne", 39, 48.8628, 2.3620),
        Street("rue des Gravilliers", 47, 48.8638, 2.3555),
        Street("rue Charlot", 58, 48.8627, 2.3635),
        Street("rue de Turenne", 90, 48.8615, 2.3655),
        Street("rue de Picardie", 6, 48.8648, 2.3628),
        Street("rue Volta", 23, 48.8662, 2.3575),
    ],
    4: [
        Street("rue des Rosiers", 20, 48.8573, 2.3587),
        Street("rue Saint-Antoine", 62, 48.8537, 2.3650),
        Street("rue Saint-Louis-en-l'Île", 51, 48.8518, 2.3560),
        Street("rue de la Verrerie", 44, 48.8584, 2.3530),
        Street("rue du Temple", 24, 48.8583, 2.3540),
        Street("rue des Tournelles", 10, 48.8540, 2.3670),
    ],
    5: [
        Street("rue Mouffetard", 56, 48.8425, 2.3497),
        Street("rue Monge", 75, 48.8430, 2.3520),
        Street("rue Censier", 13, 48.8400, 2.3530),
        Street("rue Linné", 9, 48.8446, 2.3555),
        Street("rue des Écoles", 30, 48.8495, 2.3475),
        Street("rue Lacépède", 41, 48.8436, 2.3545),
    ],
    6: [
        Street("rue de Vaugirard", 50, 48.8478, 2.3310),
        Street("rue du Cherche-Midi", 38, 48.8500, 2.3265),
        Street("rue de Rennes", 76, 48.8489, 2.3295),
        Street("rue Saint-André-des-Arts", 27, 48.8535, 2.3405),
        Street("rue de Seine", 60, 48.8535, 2.3368),
        Street("rue d'Assas", 86, 48.8447, 2.3325),
    ],
    7: [
        Street("rue Cler", 32, 48.8558, 2.3005),
        Street("rue Saint-Dominique", 129, 48.8590, 2.3040),
        Street("rue du Bac", 102, 48.8540, 2.3250),
        Street("rue de Babylone", 33, 48.8518, 2.3205),
        Street("rue de Grenelle", 113, 48.8567, 2.3170),
        Street("rue de l'Université", 160, 48.8610, 2.3050),
    ],
    8: [
        Street("rue de Rome", 40, 48.8780, 2.3215),
        Street("rue du Rocher", 58, 48.8785, 2.3190),
        Street("rue de Miromesnil", 70, 48.8750, 2.3160),
        Street("rue de la Boétie", 90, 48.8727, 2.3115),
        Street("rue de Naples", 23, 48.8803, 2.3200),
        Street("rue de Courcelles", 52, 48.8780, 2.3060),
    ],
    9: [
        Street("rue des Martyrs", 55, 48.8795, 2.3395),
        Street("rue de Maubeuge", 38, 48.8790, 2.3480),
        Street("rue Cadet", 21, 48.8750, 2.3435),
        Street("rue Lamartine", 30, 48.8770, 2.3430),
        Street("rue Condorcet", 40, 48.8815, 2.3455),
        Street("rue du Faubourg-Montmartre", 46, 48.8740, 2.3425),
    ],
    10: [
        Street("rue du Faubourg-Saint-Denis", 120, 48.8750, 2.3565),
        Street("rue de Lancry", 31, 48.8705, 2.3610),
        Street("quai de Valmy", 95, 48.8720, 2.3645),
        Street("rue du Château-d'Eau", 34, 48.8705, 2.3560),
        Street("rue des Vinaigriers", 25, 48.8740, 2.3610),
        Street("rue Lucien-Sampaix", 14, 48.8730, 2.3615),
    ],
    11: [
        Street("rue Oberkampf", 98, 48.8650, 2.3760),
        Street("rue de la Roquette", 70, 48.8560, 2.3760),
        Street("rue de Charonne", 95, 48.8540, 2.3820),
        Street("avenue Parmentier", 83, 48.8630, 2.3755),
        Street("rue Saint-Maur", 120, 48.8630, 2.3800),
        Street("rue Popincourt", 37, 48.8590, 2.3780),
    ],
    12: [
        Street("rue d'Aligre", 12, 48.8490, 2.3780),
        Street("avenue Daumesnil", 150, 48.8430, 2.3900),
        Street("rue de Charenton", 150, 48.8460, 2.3830),
        Street("boulevard de Picpus", 30, 48.8415, 2.3985),
        Street("rue de Reuilly", 40, 48.8465, 2.3890),
        Street("rue de Wattignies", 60, 48.8360, 2.3960),
    ],
    13: [
        Street("rue de la Butte-aux-Cailles", 18, 48.8275, 2.3505),
        Street("avenue d'Italie", 70, 48.8240, 2.3575),
        Street("rue de Tolbiac", 140, 48.8265, 2.3610),
        Street("rue Nationale", 90, 48.8290, 2.3660),
        Street("avenue de Choisy", 100, 48.8250, 2.3615),
        Street("rue du Moulin-des-Prés", 40, 48.8255, 2.3505),
    ],
    14: [
        Street("rue Daguerre", 46, 48.8345, 2.3295),
        Street("rue d'Alésia", 110, 48.8287, 2.3260),
        Street("rue Raymond-Losserand", 80, 48.8330, 2.3180),
        Street("avenue du Maine", 150, 48.8320, 2.3245),
        Street("rue de la Tombe-Issoire", 70, 48.8270, 2.3365),
        Street("rue Didot", 40, 48.8300, 2.3170),
    ],
    15: [
        Street("rue du Commerce", 60, 48.8465, 2.2965),
        Street("rue Lecourbe", 110, 48.8415, 2.3000),
        Street("rue de la Convention", 90, 48.8390, 2.2920),
        Street("rue Cambronne", 70, 48.8440, 2.3020),
        Street("rue de Vaugirard", 300, 48.8390, 2.3000),
        Street("rue des Morillons", 30, 48.8330, 2.3000),
    ],
    16: [
        Street("rue de Passy", 60, 48.8570, 2.2810),
        Street("rue de l'Annonciation", 30, 48.8555, 2.2795),
        Street("avenue Mozart", 80, 48.8530, 2.2690),
        Street("rue d'Auteuil", 40, 48.8475, 2.2660),
        Street("rue La Fontaine", 60, 48.8510, 2.2730),
        Street("rue de la Pompe", 100, 48.8640, 2.2810),
    ],
    17: [
        Street("rue de Lévis", 30, 48.8830, 2.3125),
        Street("rue des Batignolles", 40, 48.8850, 2.3180),
        Street("rue Legendre", 110, 48.8860, 2.3150),
        Street("rue des Dames", 70, 48.8845, 2.3205),
        Street("rue Cardinet", 120, 48.8870, 2.3100),
        Street("rue Brochant", 25, 48.8905, 2.3190),
    ],
    18: [
        Street("rue Myrha", 30, 48.8870, 2.3530),
        Street("rue Lepic", 50, 48.8855, 2.3355),
        Street("rue Ordener", 90, 48.8915, 2.3490),
        Street("rue Marcadet", 120, 48.8910, 2.3440),
        Street("rue Custine", 40, 48.8895, 2.3480),
        Street("rue Ramey", 30, 48.8880, 2.3470),
    ],
    19: [
        Street("rue de Crimée", 160, 48.8850, 2.3780),
        Street("avenue Jean-Jaurès", 120, 48.8860, 2.3800),
        Street("rue de Meaux", 60, 48.8805, 2.3770),
        Street("rue Botzaris", 40, 48.8785, 2.3850),
        Street("rue de Flandre", 100, 48.8870, 2.3735),
        Street("avenue Secrétan", 50, 48.8810, 2.3730),
    ],
    20: [
        Street("rue des Pyrénées", 250, 48.8600, 2.4020),
        Street("rue de Ménilmontant", 110, 48.8690, 2.3920),
        Street("rue de Bagnolet", 80, 48.8590, 2.4010),
        Street("rue des Vignoles", 40, 48.8545, 2.4010),
        Street("rue du Jourdain", 28, 48.8738, 2.3898),
        Street("rue Orfila", 30, 48.8660, 2.3970),
    ],
}
