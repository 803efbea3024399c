-- CreateTable
CREATE TABLE "standby_order" (
    "id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "gain" DOUBLE PRECISION,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "end_reason" TEXT,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "standby_order_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "standby_order_unit_id_created_at_idx" ON "standby_order"("unit_id", "created_at");

-- At most one active standby order per unit (not expressible in Prisma).
CREATE UNIQUE INDEX "standby_order_one_active_per_unit" ON "standby_order"("unit_id") WHERE "status" = 'active';
