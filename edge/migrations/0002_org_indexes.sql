-- Organisation API: positions are listed, scoped and counted by department (manager scope,
-- delete blockers, cascades); employees already have their department and position indexes.
CREATE INDEX positions_department ON positions(department_id);
