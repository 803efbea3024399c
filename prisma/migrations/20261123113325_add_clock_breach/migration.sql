-- CreateTable
CREATE TABLE "clock_breach" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clock_breach_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clock_breach_deadline_idx" ON "clock_breach"("deadline");

-- CreateIndex
CREATE UNIQUE INDEX "clock_breach_incident_id_clock_key" ON "clock_breach"("incident_id", "clock");
