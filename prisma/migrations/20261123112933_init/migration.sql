-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('patrol_car', 'motorcycle', 'foot_patrol', 'post', 'drone', 'partner');

-- CreateEnum
CREATE TYPE "UnitStatus" AS ENUM ('available', 'assigned', 'en_route', 'on_scene', 'returning', 'off_duty', 'out_of_service');

-- CreateEnum
CREATE TYPE "IncidentType" AS ENUM ('knife_attack', 'robbery', 'fight', 'theft', 'dispute', 'traffic_accident', 'help_request', 'missing_person', 'fire_medical', 'suspicious', 'noise', 'other');

-- CreateEnum
CREATE TYPE "IncidentSource" AS ENUM ('call', 'video_patrol', 'drone', 'walk_in');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('received', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "Resolution" AS ENUM ('resolved_on_scene', 'transferred_to_case', 'cancelled');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('assigned', 'accepted', 'en_route', 'on_scene', 'cleared', 'cancelled');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('primary', 'backup', 'checkpoint', 'support');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'dispatcher', 'shift_leader', 'supervisor', 'unit');

-- CreateEnum
CREATE TYPE "PostKind" AS ENUM ('street_post', 'drone_nest');

-- CreateTable
CREATE TABLE "station" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grid" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "polygon" JSONB NOT NULL,
    "min_staffing" JSONB NOT NULL DEFAULT '{}',
    "station_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PostKind" NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "grid_id" TEXT,
    "range_meters" INTEGER NOT NULL DEFAULT 800,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" TEXT NOT NULL,
    "call_sign" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "status" "UnitStatus" NOT NULL DEFAULT 'available',
    "home_grid_id" TEXT,
    "current_grid_id" TEXT,
    "post_id" TEXT,
    "capabilities" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "last_lng" DOUBLE PRECISION,
    "last_lat" DOUBLE PRECISION,
    "last_heading_deg" DOUBLE PRECISION,
    "last_speed_mps" DOUBLE PRECISION,
    "last_position_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "type" "IncidentType" NOT NULL,
    "priority" INTEGER NOT NULL,
    "source" "IncidentSource" NOT NULL DEFAULT 'call',
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "caller_name" TEXT,
    "caller_phone" TEXT,
    "grid_id" TEXT,
    "status" "IncidentStatus" NOT NULL DEFAULT 'received',
    "resolution" "Resolution",
    "required_units" INTEGER NOT NULL DEFAULT 1,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "first_dispatched_at" TIMESTAMPTZ(3),
    "first_en_route_at" TIMESTAMPTZ(3),
    "first_on_scene_at" TIMESTAMPTZ(3),
    "reinforced_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "role" "AssignmentRole" NOT NULL DEFAULT 'primary',
    "tier" INTEGER NOT NULL DEFAULT 1,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'assigned',
    "eta_seconds" INTEGER,
    "distance_meters" INTEGER,
    "eta_method" TEXT,
    "assigned_by_id" TEXT,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "en_route_at" TIMESTAMPTZ(3),
    "on_scene_at" TIMESTAMPTZ(3),
    "cleared_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position_sample" (
    "id" BIGSERIAL NOT NULL,
    "unit_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "heading_deg" DOUBLE PRECISION,
    "speed_mps" DOUBLE PRECISION,

    CONSTRAINT "position_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT NOT NULL DEFAULT '',
    "role" "Role" NOT NULL,
    "unit_id" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_plan" (
    "id" TEXT NOT NULL,
    "incident_type" "IncidentType" NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "plan" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "response_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_sequence" (
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "incident_sequence_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "road_network" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "geojson" JSONB NOT NULL,
    "node_count" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "road_network_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "station_code_key" ON "station"("code");

-- CreateIndex
CREATE UNIQUE INDEX "grid_code_key" ON "grid"("code");

-- CreateIndex
CREATE UNIQUE INDEX "post_code_key" ON "post"("code");

-- CreateIndex
CREATE UNIQUE INDEX "unit_call_sign_key" ON "unit"("call_sign");

-- CreateIndex
CREATE INDEX "unit_status_kind_idx" ON "unit"("status", "kind");

-- CreateIndex
CREATE INDEX "unit_current_grid_id_status_idx" ON "unit"("current_grid_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "incident_number_key" ON "incident"("number");

-- CreateIndex
CREATE INDEX "incident_status_priority_received_at_idx" ON "incident"("status", "priority", "received_at");

-- CreateIndex
CREATE INDEX "incident_received_at_idx" ON "incident"("received_at");

-- CreateIndex
CREATE INDEX "incident_grid_id_received_at_idx" ON "incident"("grid_id", "received_at");

-- CreateIndex
CREATE INDEX "incident_type_received_at_idx" ON "incident"("type", "received_at");

-- CreateIndex
CREATE INDEX "assignment_incident_id_idx" ON "assignment"("incident_id");

-- CreateIndex
CREATE INDEX "assignment_unit_id_assigned_at_idx" ON "assignment"("unit_id", "assigned_at");

-- CreateIndex
CREATE INDEX "position_sample_unit_id_at_idx" ON "position_sample"("unit_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_at_idx" ON "audit_event"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_unit_id_key" ON "app_user"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "response_plan_incident_type_priority_key" ON "response_plan"("incident_type", "priority");

-- AddForeignKey
ALTER TABLE "grid" ADD CONSTRAINT "grid_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post" ADD CONSTRAINT "post_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_home_grid_id_fkey" FOREIGN KEY ("home_grid_id") REFERENCES "grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_current_grid_id_fkey" FOREIGN KEY ("current_grid_id") REFERENCES "grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_grid_id_fkey" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position_sample" ADD CONSTRAINT "position_sample_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
