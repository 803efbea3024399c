-- Position history takes thousands of rows a second: the per-row key check locked the unit rows
-- that dispatches claim and cost ~40% of each batch insert. The ingest checks the unit exists.
-- DropForeignKey
ALTER TABLE "position_sample" DROP CONSTRAINT "position_sample_unit_id_fkey";
