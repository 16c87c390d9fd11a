"""Registration forms: the reference form, the forms.yaml mapping and `mdsa form`."""
