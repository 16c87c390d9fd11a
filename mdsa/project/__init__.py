"""The project folder: finding and loading it, its YAML models, households, addresses, validate."""
