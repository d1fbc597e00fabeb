"""Kembar: the sister-region partnerships between Indonesia and China, as data and a map."""

from pathlib import Path

# Where the project's own files live, whatever the working directory.
ROOT = Path(__file__).resolve().parent.parent
DATA_PATH = ROOT / "data" / "partnerships.csv"  # the default dataset
SEEDS_DIR = ROOT / "seeds"  # the news articles; `seeds/...` sources resolve here
