-- AlterEnum
ALTER TYPE "IncidentSource" ADD VALUE 'officer_initiated';
