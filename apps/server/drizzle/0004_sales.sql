-- Character pairs (every two consecutive characters) of a customer's name, short name and pinyin
-- initials, for two-character searches, which pg_trgm cannot answer. Built-in functions only: index
-- maintenance runs with a search_path of pg_catalog.
CREATE OR REPLACE FUNCTION crm_customer_search_grams(name text, short_name text, initials text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
    FROM unnest(array[lower(coalesce(name, '')), lower(coalesce(short_name, '')), coalesce(initials, '')]) AS s,
         generate_series(1, length(s) - 1) AS i
$$;--> statement-breakpoint
CREATE TABLE "integration_call" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_call_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"system" text NOT NULL,
	"operation" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"status_code" text,
	"error_kind" text,
	"message" text,
	"caller_id" uuid,
	"caller" text,
	"reference" text
);
--> statement-breakpoint
CREATE TABLE "integration_rate_window" (
	"system" text NOT NULL,
	"window_ms" integer NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "integration_rate_window_system_window_ms_window_start_pk" PRIMARY KEY("system","window_ms","window_start")
);
--> statement-breakpoint
CREATE TABLE "product" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"material_code" text NOT NULL,
	"name" text NOT NULL,
	"model" text,
	"unit" text NOT NULL,
	"category_id" uuid NOT NULL,
	"list_price" numeric(18, 2) NOT NULL,
	"floor_price" numeric(18, 2),
	"standard_cost" numeric(18, 2),
	"tax_rate" numeric(5, 4) DEFAULT '0.13' NOT NULL,
	"warranty_months" integer DEFAULT 12 NOT NULL,
	"lead_time_days" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	CONSTRAINT "product_prices_check" CHECK ("product"."list_price" >= 0 and ("product"."floor_price" is null or "product"."floor_price" >= 0) and ("product"."standard_cost" is null or "product"."standard_cost" >= 0))
);
--> statement-breakpoint
CREATE TABLE "product_category" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_list" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"grades" text[] DEFAULT '{}'::text[] NOT NULL,
	"provinces" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"status" text DEFAULT 'active' NOT NULL,
	CONSTRAINT "price_list_validity_check" CHECK ("price_list"."valid_from" is null or "price_list"."valid_to" is null or "price_list"."valid_from" <= "price_list"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "price_list_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"price_list_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"price" numeric(18, 2),
	"discount_percent" numeric(5, 2),
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "price_list_entry_kind_check" CHECK (("price_list_entry"."price" is null) <> ("price_list_entry"."discount_percent" is null)),
	CONSTRAINT "price_list_entry_validity_check" CHECK ("price_list_entry"."valid_from" is null or "price_list_entry"."valid_to" is null or "price_list_entry"."valid_from" <= "price_list_entry"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "lead" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"company_name" text NOT NULL,
	"contact_name" text,
	"title" text,
	"mobile" text,
	"mobile_digits" text,
	"email" text,
	"province" text,
	"city" text,
	"industry" text,
	"source" text,
	"status" text DEFAULT 'new' NOT NULL,
	"owner_id" uuid,
	"department_id" uuid,
	"notes" text,
	"qualified_at" timestamp (3) with time zone,
	"disqualify_reason" text,
	"disqualify_note" text,
	"disqualified_at" timestamp (3) with time zone,
	"converted_customer_id" uuid,
	"converted_contact_id" uuid,
	"converted_opportunity_id" uuid,
	"converted_at" timestamp (3) with time zone,
	"last_activity_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_source" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"expected_close_date" date NOT NULL,
	"stage_id" uuid NOT NULL,
	"stage_kind" text NOT NULL,
	"stage_entered_at" timestamp (3) with time zone NOT NULL,
	"probability" smallint NOT NULL,
	"probability_overridden" boolean DEFAULT false NOT NULL,
	"source" text,
	"lead_id" uuid,
	"is_tender" boolean DEFAULT false NOT NULL,
	"tender_number" text,
	"bid_opening_date" date,
	"bid_bond_amount" numeric(18, 2),
	"bid_bond_returned" boolean DEFAULT false NOT NULL,
	"tender_result" text DEFAULT 'pending' NOT NULL,
	"award_notice_file_id" uuid,
	"award_notice_name" text,
	"competitors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text,
	"closed_at" timestamp (3) with time zone,
	"won_date" date,
	"close_reason_code" text,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "opportunity_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"product_id" uuid NOT NULL,
	"material_code" text,
	"product_name" text NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"unit_price" numeric(18, 6) NOT NULL,
	"amount" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_pipeline" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"position" smallint NOT NULL,
	"probability" smallint NOT NULL,
	"kind" text NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"is_required_for_tender" boolean DEFAULT false NOT NULL,
	"requires_tender_info" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"to_stage_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"by_id" uuid,
	"amount" numeric(18, 2) NOT NULL,
	"probability" smallint NOT NULL,
	"reason_code" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "quote" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"opportunity_name" text,
	"customer_id" uuid NOT NULL,
	"customer_name" text,
	"owner_id" uuid NOT NULL,
	"department_id" uuid,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"current_version_id" uuid,
	"current_version_no" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_until" date NOT NULL,
	"total_incl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"accepted_version_id" uuid,
	"accepted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "quote_discount_limit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role_code" text NOT NULL,
	"customer_grade" text,
	"max_discount_percent" numeric(7, 4) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"product_id" uuid,
	"material_code" text,
	"name" text NOT NULL,
	"spec" text,
	"unit" text,
	"qty" numeric(18, 4) NOT NULL,
	"list_price" numeric(18, 6),
	"resolved_price" numeric(18, 6),
	"price_source" jsonb NOT NULL,
	"floor_price" numeric(18, 6),
	"unit_price" numeric(18, 6) NOT NULL,
	"discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"net_unit_price" numeric(18, 6) NOT NULL,
	"tax_rate" numeric(5, 4) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"overall_discount_share" numeric(18, 2) NOT NULL,
	"amount_incl_tax" numeric(18, 2) NOT NULL,
	"amount_excl_tax" numeric(18, 2) NOT NULL,
	"tax_amount" numeric(18, 2) NOT NULL,
	"effective_discount_percent" numeric(9, 2) NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "quote_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"number_pattern" text NOT NULL,
	"validity_days" integer NOT NULL,
	"company_name" text NOT NULL,
	"company_address" text,
	"company_phone" text,
	"company_tax_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "quote_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quote_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_until" date NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"price_date" date NOT NULL,
	"customer_grade" text,
	"customer_province" text,
	"overall_discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"reference_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"subtotal" numeric(18, 2) DEFAULT '0' NOT NULL,
	"overall_discount_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total_excl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"total_incl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"limit_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_instance_id" text,
	"decision" jsonb,
	"payment_terms" text,
	"delivery_terms" text,
	"notes" text,
	"submitted_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"accepted_at" timestamp (3) with time zone,
	"accept_note" text,
	"rejected_at" timestamp (3) with time zone,
	"reject_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sales_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"period" text NOT NULL,
	"period_kind" text NOT NULL,
	"year" smallint NOT NULL,
	"metric" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"value" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
DROP INDEX "task_due_unnotified_idx";--> statement-breakpoint
ALTER TABLE "activity" ALTER COLUMN "customer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "opportunity_id" uuid;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "kind" text DEFAULT 'todo' NOT NULL;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "remind_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "product" ADD CONSTRAINT "product_category_id_product_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_entry" ADD CONSTRAINT "price_list_entry_price_list_id_price_list_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_list"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_entry" ADD CONSTRAINT "price_list_entry_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_stage_id_opportunity_stage_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."opportunity_stage"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_line" ADD CONSTRAINT "opportunity_line_opportunity_id_opportunity_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_change" ADD CONSTRAINT "opportunity_stage_change_opportunity_id_opportunity_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_change" ADD CONSTRAINT "opportunity_stage_change_from_stage_id_opportunity_stage_id_fk" FOREIGN KEY ("from_stage_id") REFERENCES "public"."opportunity_stage"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_change" ADD CONSTRAINT "opportunity_stage_change_to_stage_id_opportunity_stage_id_fk" FOREIGN KEY ("to_stage_id") REFERENCES "public"."opportunity_stage"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_line" ADD CONSTRAINT "quote_line_version_id_quote_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."quote_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_version" ADD CONSTRAINT "quote_version_quote_id_quote_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quote"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_call_system_idx" ON "integration_call" USING btree ("system","started_at","id");--> statement-breakpoint
CREATE INDEX "integration_call_started_idx" ON "integration_call" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "integration_rate_window_start_idx" ON "integration_rate_window" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "product_material_code_key" ON "product" USING btree ("material_code");--> statement-breakpoint
CREATE INDEX "product_name_idx" ON "product" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "product_list_price_idx" ON "product" USING btree ("list_price","id");--> statement-breakpoint
CREATE INDEX "product_updated_idx" ON "product" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "product_category_idx" ON "product" USING btree ("category_id","material_code");--> statement-breakpoint
CREATE INDEX "product_code_trgm_idx" ON "product" USING gin ("material_code" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "product_name_trgm_idx" ON "product" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "product_model_trgm_idx" ON "product" USING gin ("model" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "product_category_name_key" ON "product_category" USING btree ("name");--> statement-breakpoint
CREATE INDEX "price_list_priority_idx" ON "price_list" USING btree ("priority","id");--> statement-breakpoint
CREATE INDEX "price_list_entry_list_idx" ON "price_list_entry" USING btree ("price_list_id");--> statement-breakpoint
CREATE INDEX "price_list_entry_product_idx" ON "price_list_entry" USING btree ("product_id","price_list_id");--> statement-breakpoint
CREATE INDEX "lead_owner_idx" ON "lead" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "lead_department_idx" ON "lead" USING btree ("department_id","created_at","id");--> statement-breakpoint
CREATE INDEX "lead_created_idx" ON "lead" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "lead_updated_idx" ON "lead" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "lead_status_idx" ON "lead" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "lead_company_trgm_idx" ON "lead" USING gin ("company_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "lead_contact_trgm_idx" ON "lead" USING gin ("contact_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "lead_mobile_idx" ON "lead" USING btree ("mobile_digits");--> statement-breakpoint
CREATE INDEX "lead_email_idx" ON "lead" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "lead_converted_customer_idx" ON "lead" USING btree ("converted_customer_id") WHERE "lead"."converted_customer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_source_name_key" ON "lead_source" USING btree ("name");--> statement-breakpoint
CREATE INDEX "opportunity_open_department_idx" ON "opportunity" USING btree ("department_id","stage_id","expected_close_date","id") WHERE "opportunity"."stage_kind" = 'open';--> statement-breakpoint
CREATE INDEX "opportunity_open_owner_idx" ON "opportunity" USING btree ("owner_id","stage_id","expected_close_date","id") WHERE "opportunity"."stage_kind" = 'open';--> statement-breakpoint
CREATE INDEX "opportunity_closed_department_idx" ON "opportunity" USING btree ("department_id","closed_at","id") WHERE "opportunity"."stage_kind" <> 'open';--> statement-breakpoint
CREATE INDEX "opportunity_closed_owner_idx" ON "opportunity" USING btree ("owner_id","closed_at","id") WHERE "opportunity"."stage_kind" <> 'open';--> statement-breakpoint
CREATE INDEX "opportunity_closed_at_idx" ON "opportunity" USING btree ("closed_at","id") WHERE "opportunity"."stage_kind" <> 'open';--> statement-breakpoint
CREATE INDEX "opportunity_won_date_idx" ON "opportunity" USING btree ("won_date","owner_id") WHERE "opportunity"."stage_kind" = 'won';--> statement-breakpoint
CREATE INDEX "opportunity_created_idx" ON "opportunity" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "opportunity_updated_idx" ON "opportunity" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "opportunity_amount_idx" ON "opportunity" USING btree ("amount","id");--> statement-breakpoint
CREATE INDEX "opportunity_close_date_idx" ON "opportunity" USING btree ("expected_close_date","id");--> statement-breakpoint
CREATE INDEX "opportunity_owner_created_idx" ON "opportunity" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunity_department_created_idx" ON "opportunity" USING btree ("department_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunity_customer_idx" ON "opportunity" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "opportunity_lead_idx" ON "opportunity" USING btree ("lead_id") WHERE "opportunity"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "opportunity_name_trgm_idx" ON "opportunity" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunity_line_opportunity_idx" ON "opportunity_line" USING btree ("opportunity_id","position");--> statement-breakpoint
CREATE INDEX "opportunity_line_product_idx" ON "opportunity_line" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_stage_code_key" ON "opportunity_stage" USING btree ("code");--> statement-breakpoint
CREATE INDEX "opportunity_stage_change_opportunity_idx" ON "opportunity_stage_change" USING btree ("opportunity_id","at","seq");--> statement-breakpoint
CREATE INDEX "opportunity_stage_change_at_idx" ON "opportunity_stage_change" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_number_key" ON "quote" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quote_updated_idx" ON "quote" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "quote_owner_updated_idx" ON "quote" USING btree ("owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "quote_department_updated_idx" ON "quote" USING btree ("department_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "quote_opportunity_idx" ON "quote" USING btree ("opportunity_id","created_at");--> statement-breakpoint
CREATE INDEX "quote_customer_idx" ON "quote" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "quote_open_valid_until_idx" ON "quote" USING btree ("valid_until") WHERE "quote"."status" in ('draft', 'needs_approval', 'approved', 'sent');--> statement-breakpoint
CREATE INDEX "quote_title_trgm_idx" ON "quote" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "quote_customer_name_trgm_idx" ON "quote" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "quote_discount_limit_key" ON "quote_discount_limit" USING btree ("role_code",coalesce("customer_grade", ''));--> statement-breakpoint
CREATE INDEX "quote_line_version_idx" ON "quote_line" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "quote_line_product_idx" ON "quote_line" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quote_version_no_key" ON "quote_version" USING btree ("quote_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_target_subject_key" ON "sales_target" USING btree ("period","metric","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "sales_target_department_idx" ON "sales_target" USING btree ("department_id","period","metric");--> statement-breakpoint
CREATE INDEX "sales_target_subject_idx" ON "sales_target" USING btree ("subject_id","year");--> statement-breakpoint
CREATE INDEX "sales_target_year_idx" ON "sales_target" USING btree ("year","period","id");--> statement-breakpoint
CREATE INDEX "activity_occurred_idx" ON "activity" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "activity_lead_idx" ON "activity" USING btree ("lead_id","occurred_at","id") WHERE "activity"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "activity_opportunity_idx" ON "activity" USING btree ("opportunity_id","occurred_at","id") WHERE "activity"."opportunity_id" is not null;--> statement-breakpoint
CREATE INDEX "customer_search_grams_idx" ON "customer" USING gin (crm_customer_search_grams("name", "short_name", "pinyin_initials"));--> statement-breakpoint
CREATE INDEX "task_created_by_idx" ON "task" USING btree ("created_by","status","due_at");--> statement-breakpoint
CREATE INDEX "task_remind_pending_idx" ON "task" USING btree (coalesce("remind_at", "due_at")) WHERE "task"."status" = 'open' and "task"."due_notified_at" is null and coalesce("task"."remind_at", "task"."due_at") is not null;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_owner_record_check" CHECK ("activity"."customer_id" is not null or "activity"."lead_id" is not null);