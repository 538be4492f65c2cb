ALTER TABLE "contract" ADD COLUMN "opportunity_name" text;--> statement-breakpoint
UPDATE "contract" AS c SET "opportunity_name" = o."name" FROM "opportunity" AS o WHERE o."id" = c."opportunity_id";
