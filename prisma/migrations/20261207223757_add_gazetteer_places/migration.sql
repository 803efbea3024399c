-- CreateTable
CREATE TABLE "gazetteer_place" (
    "id" BIGSERIAL NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "source_id" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(24) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "aliases" TEXT[],
    "address" VARCHAR(200),
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "category" VARCHAR(100),
    "key_place" VARCHAR(32),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gazetteer_place_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gazetteer_place_source_source_id_key" ON "gazetteer_place"("source", "source_id");
