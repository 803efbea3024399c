-- Response-time review: for every incident that reached the scene the report looks up its
-- assignments' status and cleared_at (on scene -> clear). Covering them lets that lookup be an
-- index-only scan. Prisma's schema language cannot express INCLUDE, so the index lives here only.
CREATE INDEX "assignment_report_clear_idx" ON "assignment"("incident_id") INCLUDE ("status", "cleared_at");
