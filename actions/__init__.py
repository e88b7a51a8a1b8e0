"""rasa-sdk custom actions: thin glue between Rasa's tracker and the typed logic in knowledge/."""
