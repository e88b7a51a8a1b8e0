import shutil
from pathlib import Path

from bot.rasa_model import TRAINING_INPUTS, model_fingerprint

ROOT = Path(__file__).resolve().parents[2]


def copy_inputs(target: Path) -> Path:
    for name in TRAINING_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_fingerprint_depends_on_content_not_location_or_time(tmp_path: Path) -> None:
    copy = copy_inputs(tmp_path)
    assert model_fingerprint(copy) == model_fingerprint(ROOT)
    (copy / "config.yml").touch()
    assert model_fingerprint(copy) == model_fingerprint(ROOT)


def test_fingerprint_changes_when_training_data_changes(tmp_path: Path) -> None:
    copy = copy_inputs(tmp_path)
    before = model_fingerprint(copy)
    nlu = copy / "nlu" / "data" / "nlu.yml"
    nlu.write_text(nlu.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert model_fingerprint(copy) != before
