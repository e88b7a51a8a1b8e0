"""The Economic Bureau's contact line, as printed in the newsletter (the catalogue's
`{bureau_phone}` and `{bureau_email}`, knowledge/messages/)."""

from __future__ import annotations

BUREAU_PHONE = "85972343"
BUREAU_EMAIL = "info@cepa.gov.mo"
