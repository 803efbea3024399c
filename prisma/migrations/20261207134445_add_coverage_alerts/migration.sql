-- AlterTable
ALTER TABLE "grid" ADD COLUMN     "coverage_threshold" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "coverage_alert" (
    "id" BIGSERIAL NOT NULL,
    "grid_id" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "cleared_at" TIMESTAMPTZ(3),
    "clear_share" DOUBLE PRECISION,

    CONSTRAINT "coverage_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "coverage_alert_raised_at_idx" ON "coverage_alert"("raised_at");

-- At most one open alert per grid: two nodes raising the same alert, one wins (not expressible in Prisma).
CREATE UNIQUE INDEX "coverage_alert_one_open_per_grid" ON "coverage_alert"("grid_id") WHERE "cleared_at" IS NULL;
