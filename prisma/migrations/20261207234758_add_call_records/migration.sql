-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "caller_count" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "call_record" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "caller_name" TEXT,
    "caller_phone" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "call_record_incident_id_idx" ON "call_record"("incident_id");

-- AddForeignKey
ALTER TABLE "call_record" ADD CONSTRAINT "call_record_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
