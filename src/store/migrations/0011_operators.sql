-- The installation's operators (issue 5): users who keep the installation's own tables (the
-- court districts) and run its print room ("Brevservice"). Not an account role: an operator
-- works for the installation, across accounts. Granted from the command line
-- (`inkasso operator add EMAIL`); the demo user is one.
ALTER TABLE users ADD COLUMN installation_operator INTEGER NOT NULL DEFAULT 0;
