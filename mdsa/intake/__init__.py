"""Phase 2 intake: reading Google Forms exports, mapping them with forms.yaml, registrations."""
