"""``python -m guillemets`` runs the CLI."""

from guillemets.cli import main

if __name__ == "__main__":
    main()
