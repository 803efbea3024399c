-- CreateTable
CREATE TABLE "move_up_recommendation" (
    "id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "from_lng" DOUBLE PRECISION NOT NULL,
    "from_lat" DOUBLE PRECISION NOT NULL,
    "from_grid_id" TEXT,
    "site_lng" DOUBLE PRECISION NOT NULL,
    "site_lat" DOUBLE PRECISION NOT NULL,
    "site_grid_id" TEXT,
    "gain_share5" DOUBLE PRECISION NOT NULL,
    "gain_share3" DOUBLE PRECISION NOT NULL,
    "travel_seconds" INTEGER NOT NULL,
    "trigger_kind" TEXT NOT NULL,
    "trigger_unit_ids" TEXT[],
    "trigger_incident_ids" TEXT[],
    "trigger_key" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "end_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" TEXT,
    "standby_order_id" TEXT,

    CONSTRAINT "move_up_recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "move_up_recommendation_status_expires_at_idx" ON "move_up_recommendation"("status", "expires_at");

-- CreateIndex
CREATE INDEX "move_up_recommendation_unit_id_created_at_idx" ON "move_up_recommendation"("unit_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "move_up_recommendation_trigger_key_rank_key" ON "move_up_recommendation"("trigger_key", "rank");

-- At most one pending recommendation per unit: a newer one supersedes it, and two nodes recommending
-- the same unit at once leave one (not expressible in Prisma).
CREATE UNIQUE INDEX "move_up_recommendation_one_pending_per_unit" ON "move_up_recommendation"("unit_id") WHERE "status" = 'pending';
