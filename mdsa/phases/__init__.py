"""One module per phase of the handbook: preparation, visits, picture, connecting, evaluation."""
