"""Online geocoding through Nominatim (opt-in): bounded in time, rate-limited, never raising."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components import settings
from components.models import Message
from components.places.gazetteer import Gazetteer, load_gazetteer, normalise_country

SOURCE = "nominatim"
VERSION = "0.1"
# ASCII only: HTTP headers are latin-1, an en dash would fail every request.
USER_AGENT = f"Kembar/{VERSION} (Indonesia-China sister-region map)"
DEFAULT_URL = settings.DEFAULT_NOMINATIM_URL
TIMEOUT = 5.0
MAX_FAILURES = 3
# OSM country codes that count as each of our countries (China's SARs and Taiwan as China counts).
COUNTRY_CODES = {"ID": ("id",), "CN": ("cn", "hk", "mo", "tw")}
# Address parts in which the province (or a municipality standing for one) may appear.
ADDRESS_PARTS = ("state", "province", "region", "state_district", "city", "county")


def endpoint(url: str | None = None) -> tuple[str, str]:
    """(scheme, domain) from a URL like "http://127.0.0.1:8080"; default $KEMBAR_NOMINATIM_URL."""
    url = url or settings.current().nominatim_url
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return parts.scheme or "https", (parts.netloc + parts.path).rstrip("/")


class NominatimGeocoder(Geocoder):
    """geopy's Nominatim behind our interface: failures become warnings, three in a row stop it."""

    name = SOURCE

    def __init__(self, gazetteer: Gazetteer | None = None, *, url: str | None = None,
                 timeout: float = TIMEOUT, min_delay_seconds: float = 1.0,
                 max_failures: int = MAX_FAILURES):
        super().__init__(adapter_factory=URLLibAdapter)  # the wrapped Nominatim does the requests
        scheme, domain = endpoint(url)
        self.service = Nominatim(
            user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout,
            adapter_factory=functools.partial(RequestsAdapter, max_retries=0),
        )
        self._ask = RateLimiter(self.service.geocode, min_delay_seconds=min_delay_seconds,
                                max_retries=0, swallow_exceptions=False)
        self.gazetteer = gazetteer or load_gazetteer()
        self.max_failures = max_failures
        self.failures = 0  # consecutive
        self.skipped = 0  # queries not asked once stopped
        self.warnings: list[Message] = []

    @property
    def stopped(self) -> bool:
        """The circuit breaker: True once max_failures requests in a row have failed."""
        return self.failures >= self.max_failures

    def geocode(self, query: str, *, country: str | None = None, level: str | None = None,
                province: str | None = None, exactly_one: bool = True):
        """The first Nominatim candidate inside the expected country and province, or None."""
        if self.stopped:
            self.skipped += 1
            return None
        country = normalise_country(country)
        answers = self._request(query, country, province)
        if answers is None:
            return None
        accepted = [a for a in answers if self.acceptable(a.raw, country, province)]
        if not accepted:
            if answers:
                self.warnings.append(Message(
                    "nominatim: {query}: {count} candidate(s) rejected, none inside {where}",
                    query=repr(query), count=len(answers), where=province or country))
            return None
        return accepted[0] if exactly_one else accepted

    def _request(self, query: str, country: str | None,
                 province: str | None) -> list[Location] | None:
        """Ask once; on any failure count it, add a warning and return None."""
        text = ", ".join(part for part in (query, province) if part)
        codes = list(COUNTRY_CODES.get(country, ())) or ["id", "cn"]
        try:
            answers = self._ask(text, exactly_one=False, limit=5, addressdetails=True,
                                language="en", country_codes=codes)
        except (GeopyError, AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
            return self._fail(query, error)
        if answers is not None and not isinstance(answers, list):
            return self._fail(query, TypeError(f"unexpected answer {type(answers).__name__}"))
        self.failures = 0
        return answers or []

    def _fail(self, query: str, error: Exception) -> None:
        self.failures += 1
        self.warnings.append(Message("nominatim: {query}: {error}", query=repr(query),
                                     error=f"{type(error).__name__}: {error}"))
        if self.stopped:
            self.warnings.append(Message(
                "nominatim: stopped after {count} failures in a row; the remaining places are "
                "resolved offline only", count=self.failures))
        return None

    def acceptable(self, raw: dict, country: str | None, province: str | None) -> bool:
        """Whether a Nominatim result lies in the expected country and (when given) province."""
        address = raw.get("address") if isinstance(raw, dict) else None
        if not isinstance(address, dict):
            return False
        code = str(address.get("country_code", "")).lower()
        allowed = COUNTRY_CODES.get(country, COUNTRY_CODES["ID"] + COUNTRY_CODES["CN"])
        if code not in allowed:
            return False
        if not province:
            return True
        found_country = next(c for c, codes in COUNTRY_CODES.items() if code in codes)
        return any(self.gazetteer.same_province(found_country, province, str(address[part]))
                   for part in ADDRESS_PARTS if address.get(part))
