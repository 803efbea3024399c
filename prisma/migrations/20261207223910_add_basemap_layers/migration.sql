-- CreateTable
CREATE TABLE "basemap_layer" (
    "layer" TEXT NOT NULL,
    "geojson" JSONB NOT NULL,
    "feature_count" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "basemap_layer_pkey" PRIMARY KEY ("layer")
);
