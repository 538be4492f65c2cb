CREATE TABLE "activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"related_type" text,
	"related_id" uuid,
	"type" text NOT NULL,
	"content" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"contact_id" uuid,
	"next_follow_up_at" timestamp (3) with time zone,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" uuid
);
--> statement-breakpoint
CREATE TABLE "customer_grade_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"from_grade" text NOT NULL,
	"to_grade" text NOT NULL,
	"rule_grade" text NOT NULL,
	"overridden" boolean NOT NULL,
	"source" text NOT NULL,
	"reason" text,
	"facts" jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"by_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "customer_grading_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"threshold_a" numeric(18, 2) NOT NULL,
	"threshold_b" numeric(18, 2) NOT NULL,
	"threshold_c" numeric(18, 2) NOT NULL,
	"lookback_months" integer NOT NULL,
	"overdue_cap_days" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "customer_grading_settings_single_row" CHECK ("customer_grading_settings"."id" = 1),
	CONSTRAINT "customer_grading_settings_order" CHECK ("customer_grading_settings"."threshold_a" > "customer_grading_settings"."threshold_b" and "customer_grading_settings"."threshold_b" > "customer_grading_settings"."threshold_c" and "customer_grading_settings"."threshold_c" > 0)
);
--> statement-breakpoint
CREATE TABLE "customer_merge" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"merged_name" text NOT NULL,
	"reason" text NOT NULL,
	"choices" jsonb NOT NULL,
	"survivor_before" jsonb NOT NULL,
	"survivor_after" jsonb NOT NULL,
	"merged_credit_code" text,
	"survivor_last_activity_at" timestamp (3) with time zone,
	"moved" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp (3) with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "customer_assignment_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"provinces" text[] NOT NULL,
	"industries" text[] NOT NULL,
	"types" text[] NOT NULL,
	"department_id" uuid NOT NULL,
	"strategy" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_assigned_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "customer_owner_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_owner_change_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_owner_id" uuid,
	"to_owner_id" uuid,
	"from_department_id" uuid,
	"to_department_id" uuid,
	"pool_id" uuid,
	"reason" text,
	"at" timestamp (3) with time zone NOT NULL,
	"by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "customer_pool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"rules" jsonb NOT NULL,
	"warn_days" integer DEFAULT 7 NOT NULL,
	"owner_cap" integer DEFAULT 200 NOT NULL,
	"daily_claim_quota" integer DEFAULT 10 NOT NULL,
	"reclaim_cooldown_days" integer DEFAULT 30 NOT NULL,
	"reclaim_enabled" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_registry_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"field" text NOT NULL,
	"before" text,
	"after" text,
	"is_alert" boolean DEFAULT false NOT NULL,
	"detected_at" timestamp (3) with time zone NOT NULL,
	"order_number" text
);
--> statement-breakpoint
CREATE TABLE "registry_lookup_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"payload" jsonb NOT NULL,
	"fetched_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"order_number" text
);
--> statement-breakpoint
CREATE TABLE "task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"due_at" timestamp (3) with time zone,
	"assignee_id" uuid NOT NULL,
	"department_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp (3) with time zone,
	"related_type" text,
	"related_id" uuid,
	"related_label" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_id" uuid,
	"due_notified_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "saved_view" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"user_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"sort" text,
	"columns" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "rule_grade" text DEFAULT 'D' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "grade_override" text;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "grade_override_reason" text;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "strategic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "graded_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "pool_id" uuid;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "owner_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "reclaim_warned_for" date;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "customer" ADD COLUMN "merged_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_grade_history" ADD CONSTRAINT "customer_grade_history_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_owner_change" ADD CONSTRAINT "customer_owner_change_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_registry_change" ADD CONSTRAINT "customer_registry_change_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_customer_idx" ON "activity" USING btree ("customer_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "activity_related_idx" ON "activity" USING btree ("related_type","related_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activity_author_idx" ON "activity" USING btree ("author_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_grade_history_customer_idx" ON "customer_grade_history" USING btree ("customer_id","at","id");--> statement-breakpoint
CREATE INDEX "customer_merge_survivor_idx" ON "customer_merge" USING btree ("survivor_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_merge_merged_idx" ON "customer_merge" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "customer_assignment_rule_priority_idx" ON "customer_assignment_rule" USING btree ("priority");--> statement-breakpoint
CREATE INDEX "customer_owner_change_customer_idx" ON "customer_owner_change" USING btree ("customer_id","at","seq");--> statement-breakpoint
CREATE INDEX "customer_owner_change_claims_idx" ON "customer_owner_change" USING btree ("to_owner_id","kind","at");--> statement-breakpoint
CREATE INDEX "customer_owner_change_left_idx" ON "customer_owner_change" USING btree ("from_owner_id","customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_pool_department_idx" ON "customer_pool" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "customer_registry_change_customer_idx" ON "customer_registry_change" USING btree ("customer_id","detected_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "registry_lookup_cache_fetched_idx" ON "registry_lookup_cache" USING btree ("fetched_at");--> statement-breakpoint
CREATE INDEX "task_assignee_idx" ON "task" USING btree ("assignee_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "task_department_idx" ON "task" USING btree ("department_id","status","due_at");--> statement-breakpoint
CREATE INDEX "task_related_idx" ON "task" USING btree ("related_type","related_id","status");--> statement-breakpoint
CREATE INDEX "task_due_unnotified_idx" ON "task" USING btree ("due_at") WHERE "task"."status" = 'open' and "task"."due_notified_at" is null and "task"."due_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_view_name_key" ON "saved_view" USING btree ("user_id","entity_type","name");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_view_default_key" ON "saved_view" USING btree ("user_id","entity_type") WHERE "saved_view"."is_default";--> statement-breakpoint
CREATE INDEX "saved_view_user_idx" ON "saved_view" USING btree ("user_id","entity_type","created_at");--> statement-breakpoint
CREATE INDEX "customer_short_name_trgm_idx" ON "customer" USING gin ("short_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_pinyin_initials_trgm_idx" ON "customer" USING gin ("pinyin_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_name_sort_idx" ON "customer" USING btree ("name_pinyin","id");--> statement-breakpoint
CREATE INDEX "customer_grade_sort_idx" ON "customer" USING btree ("grade","id");--> statement-breakpoint
CREATE INDEX "customer_last_activity_idx" ON "customer" USING btree ("last_activity_at" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "customer_credit_limit_idx" ON "customer" USING btree ("credit_limit" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "customer_region_idx" ON "customer" USING btree ("province","city");--> statement-breakpoint
CREATE INDEX "customer_merged_into_idx" ON "customer" USING btree ("merged_into_id") WHERE "customer"."merged_into_id" is not null;--> statement-breakpoint
CREATE INDEX "customer_pool_idx" ON "customer" USING btree ("pool_id","created_at","id") WHERE "customer"."owner_id" is null;