"""Knowledge base of the CEPA newsletter and the hybrid retrieval engine over it."""
