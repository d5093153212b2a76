"""Pipeline stages, one module each: ingest, parse, actors, coding, quotes, claims, dates, places."""
