-- A unit is on at most one active assignment. Prisma's schema language cannot express a partial
-- unique index, so it lives here; two dispatchers (or two server nodes) racing to send the same unit
-- are settled by the database: exactly one INSERT succeeds, the other fails with a unique violation.
CREATE UNIQUE INDEX "assignment_one_active_per_unit" ON "assignment"("unit_id")
  WHERE "status" IN ('assigned', 'accepted', 'en_route', 'on_scene');

-- The same unit is not put on the same incident twice while active.
CREATE UNIQUE INDEX "assignment_one_active_per_incident_unit" ON "assignment"("incident_id", "unit_id")
  WHERE "status" IN ('assigned', 'accepted', 'en_route', 'on_scene');

-- Open incidents by priority and age: the dispatcher's queue.
CREATE INDEX "incident_open_queue" ON "incident"("priority", "received_at")
  WHERE "status" NOT IN ('closed', 'cancelled');
