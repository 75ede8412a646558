"""Replace the shipped Nos Gestes Climat model with another version of its npm package.

    python manage.py refresh_footprint_model 4.11.0                      # fetched with `npm pack`
    python manage.py refresh_footprint_model /tmp/nosgestesclimat.tgz    # a tarball already there

The French model in French and English, the personas and the licence are taken from the package; the
new model is parsed and its mechanisms checked before anything is written, so that a version our
evaluator cannot read leaves the shipped one in place. Afterwards, regenerate the parity fixture
(tools/footprint-oracle/) and read the model's notes on restricted data again
(data/nosgestesclimat/README.md).
"""

import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mobilization.footprint import services
from mobilization.footprint.publicodes import Model, PublicodesError
from mobilization.footprint.publicodes.inventory import inventory

PACKAGE = "@incubateur-ademe/nosgestesclimat"
VERSION = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?")
# Where each shipped file comes from in the package's tarball.
FILES = {
    services.MODEL_FILES["fr"]: f"package/public/{services.MODEL_FILES['fr']}",
    services.MODEL_FILES["en"]: f"package/public/{services.MODEL_FILES['en']}",
    services.PERSONAS_FILES["fr"]: f"package/public/{services.PERSONAS_FILES['fr']}",
    services.PERSONAS_FILES["en"]: f"package/public/{services.PERSONAS_FILES['en']}",
    "LICENSE": "package/LICENSE",
}
PACKAGE_FIELDS = ("name", "version", "description", "license", "homepage", "repository")


class Command(BaseCommand):
    help = "Replace the shipped Nos Gestes Climat model with another version (a version number or a tarball)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a version of the npm package (4.10.2) or the path of its tarball")
        parser.add_argument(
            "--data-dir",
            default=str(services.DATA_DIR),
            help="the folder of the model files (the app's by default)",
        )

    def handle(self, source, data_dir, **options):
        target = Path(data_dir)
        with tempfile.TemporaryDirectory() as folder:
            tarball = Path(source)
            if not tarball.is_file():
                if not VERSION.fullmatch(source):
                    raise CommandError(f"{source!r} is neither a tarball nor a version number such as 4.10.2")
                tarball = self._pack(source, Path(folder))
            files = self._read(tarball)
        package = json.loads(files.pop("package.json"))
        self._check(files)
        target.mkdir(parents=True, exist_ok=True)
        previous = services.read_model_version(target) if (target / services.PACKAGE_FILE).exists() else None
        for name, content in files.items():
            (target / name).write_bytes(content)
        kept = {key: package[key] for key in PACKAGE_FIELDS if key in package}
        (target / services.PACKAGE_FILE).write_text(json.dumps(kept, ensure_ascii=False, indent=2) + "\n")
        self.stdout.write(
            f"Nos Gestes Climat {kept['version']} installed in {target} (was {previous or 'none'}). "
            "Regenerate the parity fixture: cd tools/footprint-oracle && npm ci && node oracle.mjs"
        )

    def _pack(self, version: str, folder: Path) -> Path:
        try:
            # The version was checked against VERSION: no shell, no option can be slipped in.
            result = subprocess.run(  # noqa: S603
                [shutil.which("npm") or "npm", "pack", f"{PACKAGE}@{version}", "--silent"],
                cwd=folder,
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise CommandError(f"npm pack {PACKAGE}@{version} failed: {error}") from error
        return folder / result.stdout.strip().splitlines()[-1]

    def _read(self, tarball: Path) -> dict[str, bytes]:
        try:
            with tarfile.open(tarball, "r:gz") as archive:
                files = {}
                for name, member in {**FILES, "package.json": "package/package.json"}.items():
                    extracted = archive.extractfile(member)
                    if extracted is None:
                        raise KeyError(member)
                    files[name] = extracted.read()
        except KeyError as error:
            raise CommandError(f"{tarball} is not a Nos Gestes Climat package: {error} is missing") from error
        except (OSError, tarfile.TarError) as error:
            raise CommandError(f"{tarball} cannot be read: {error}") from error
        return files

    def _check(self, files: dict[str, bytes]):
        for language in ("fr", "en"):
            rules = json.loads(files[services.MODEL_FILES[language]])
            _used, unknown = inventory(rules)
            if unknown:
                names = ", ".join(f"{key} (rule {rule})" for key, rule in unknown.items())
                raise CommandError(f"The {language} model uses mechanisms the evaluator lacks: {names}")
            try:
                Model(rules).evaluator({}).evaluate(services.TOTAL)
            except PublicodesError as error:
                raise CommandError(f"The {language} model cannot be evaluated: {error}") from error
