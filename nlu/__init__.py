"""Rasa training data and the Rasa-side NLU components (run in .venv-rasa, Python 3.10)."""
