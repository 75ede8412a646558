"""refresh_footprint_model: a newer package replaces the shipped files; a broken one changes nothing."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from mobilization.footprint import services


def make_tarball(path, version: str, rules: dict | None = None, leave_out: str = ""):
    real = services.raw_rules()
    files = {
        f"package/public/{services.MODEL_FILES['fr']}": json.dumps(rules or real),
        f"package/public/{services.MODEL_FILES['en']}": json.dumps(rules or real),
        f"package/public/{services.PERSONAS_FILES['fr']}": json.dumps({"personas . a": {"situation": {}}}),
        f"package/public/{services.PERSONAS_FILES['en']}": json.dumps({"personas . a": {"situation": {}}}),
        "package/LICENSE": "MIT License\n",
        "package/package.json": json.dumps({"name": "@incubateur-ademe/nosgestesclimat", "version": version}),
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            if name.endswith(leave_out) and leave_out:
                continue
            data = content.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_a_tarball_replaces_the_files_and_the_version(tmp_path):
    tarball = make_tarball(tmp_path / "ngc.tgz", "9.9.9")
    target = tmp_path / "data"

    call_command("refresh_footprint_model", str(tarball), data_dir=str(target), stdout=io.StringIO())

    assert services.read_model_version(target) == "9.9.9"
    assert json.loads((target / services.MODEL_FILES["fr"]).read_text()) == services.raw_rules()
    assert (target / "LICENSE").read_text() == "MIT License\n"


def test_a_model_with_an_unknown_mechanism_is_refused_and_nothing_is_written(tmp_path):
    tarball = make_tarball(tmp_path / "ngc.tgz", "9.9.9", rules={"bilan": {"formule": {"racine carrée": 4}}})
    target = tmp_path / "data"

    with pytest.raises(CommandError, match="racine carrée"):
        call_command("refresh_footprint_model", str(tarball), data_dir=str(target))

    assert not target.exists()


def test_a_tarball_without_the_model_or_a_bad_version_is_refused(tmp_path):
    tarball = make_tarball(tmp_path / "ngc.tgz", "9.9.9", leave_out=services.MODEL_FILES["en"])

    with pytest.raises(CommandError, match="is missing"):
        call_command("refresh_footprint_model", str(tarball), data_dir=str(tmp_path / "data"))
    with pytest.raises(CommandError, match="neither a tarball nor a version"):
        call_command("refresh_footprint_model", "latest; rm -rf /", data_dir=str(tmp_path / "data"))
