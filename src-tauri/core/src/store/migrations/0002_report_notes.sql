-- A report's notes: text that fits no other section, such as what an imported document held
-- that could not be placed.
ALTER TABLE postmortems ADD COLUMN notes TEXT NOT NULL DEFAULT '';
