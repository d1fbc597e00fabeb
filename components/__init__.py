"""Kembar: the sister-region partnerships between Indonesia and China, as data and a map.

Where things live (each folder answers one question):

- ``dataset/``: reading and checking the input files, and writing the dataset's CSV;
- ``places/``: where a place lies, one module per source (gazetteer, registry, GeoNames,
  Nominatim, the cache, the chain);
- ``news/``: the articles in ``seeds/``, their excerpts, pasted articles and candidate ties;
  ``news/reader/`` reads a report (places, roles, dates in text, stage) for the candidates;
- ``map/``: arcs geometry, the folium elements and their JavaScript, map assets and outlines;
- ``view/``: what a view shows and says (partnerships, sentence, hints, missing rows, picture);
- ``i18n/``: translation, message catalogs, vocabulary and locale formats;
- ``ui/``: the only Streamlit code; ``cli/``: the command line, one module per command;
- ``bench/`` and ``build/``: developer tooling; they may import the product, never the reverse.

The top-level modules hold what everything shares: paths (here), ``settings``, ``errors``,
``models``, ``dates``, ``names``, ``history``, ``filters``, ``focus`` (a place and its
partnerships), ``provinces`` (ties by province), ``viewstate``, ``overview``, ``pipeline`` (the
one-way flow from files to a prepared dataset) and ``prepcache`` (that dataset kept on disk).
"""

from pathlib import Path

# Where the project's own files live, whatever the working directory.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DATA_PATH = DATA_DIR / "partnerships.csv"  # the default dataset
SEEDS_DIR = ROOT / "seeds"  # the news articles; `seeds/...` sources resolve here
