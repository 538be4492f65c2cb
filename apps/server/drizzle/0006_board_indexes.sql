DROP INDEX "opportunity_open_department_idx";--> statement-breakpoint
DROP INDEX "opportunity_closed_department_idx";--> statement-breakpoint
DROP INDEX "opportunity_won_date_idx";--> statement-breakpoint
CREATE INDEX "opportunity_open_stage_idx" ON "opportunity" USING btree ("stage_id","expected_close_date","id") WHERE "opportunity"."stage_kind" = 'open';--> statement-breakpoint
CREATE INDEX "opportunity_open_department_idx" ON "opportunity" USING btree ("department_id","stage_id","expected_close_date","id","amount","probability") WHERE "opportunity"."stage_kind" = 'open';--> statement-breakpoint
CREATE INDEX "opportunity_closed_department_idx" ON "opportunity" USING btree ("department_id","closed_at","id","stage_id","amount","probability") WHERE "opportunity"."stage_kind" <> 'open';--> statement-breakpoint
CREATE INDEX "opportunity_won_date_idx" ON "opportunity" USING btree ("won_date","owner_id","department_id","amount") WHERE "opportunity"."stage_kind" = 'won';