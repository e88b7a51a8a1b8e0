"""The staff console (issue 13): turn records, staff accounts, the `/admin/` pages and JSON API,
and the review loop that turns unanswered questions into phrasings a developer merges."""
