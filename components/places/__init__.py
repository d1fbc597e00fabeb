"""Where a place lies: one geopy geocoder per source (gazetteer, GeoNames, Nominatim), the cache, the chain."""
