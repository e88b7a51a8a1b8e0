"""The action server's one retriever, loaded on first use (never at import)."""

from __future__ import annotations

import logging
from functools import lru_cache

from knowledge.index import default_index_dir
from knowledge.retriever import HybridRetriever

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_retriever() -> HybridRetriever:
    index_dir = default_index_dir()
    logger.info("loading knowledge index from %s", index_dir)
    return HybridRetriever.load(index_dir)
