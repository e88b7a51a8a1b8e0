"""The gateway: chat HTTP API, health checks, and the launcher of the whole service."""
