-- CreateIndex
CREATE INDEX "standby_order_created_at_idx" ON "standby_order"("created_at");
