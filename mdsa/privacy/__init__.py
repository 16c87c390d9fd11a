"""Privacy: scrubbing free text, pseudonyms, anonymising the data set, scanning what is shared."""
