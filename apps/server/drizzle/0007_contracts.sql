CREATE TABLE "contract" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"type" text DEFAULT 'standard' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_name" text,
	"opportunity_id" uuid,
	"quote_id" uuid,
	"quote_version_id" uuid,
	"requirement_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"owner_id" uuid NOT NULL,
	"department_id" uuid,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"signed_date" date,
	"effective_version_id" uuid,
	"working_version_id" uuid,
	"amount_incl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"review_level" text,
	"approval_instance_id" uuid,
	"special_approval_reason" text,
	"submitted_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone,
	"executing_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"terminated_at" timestamp (3) with time zone,
	"termination_reason" text
);
--> statement-breakpoint
CREATE TABLE "contract_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"product_id" uuid,
	"material_code" text,
	"name" text NOT NULL,
	"spec" text,
	"unit" text,
	"category" text,
	"qty" numeric(18, 4) NOT NULL,
	"unit_price" numeric(18, 6) NOT NULL,
	"tax_rate" numeric(5, 4) NOT NULL,
	"amount_incl_tax" numeric(18, 2) NOT NULL,
	"amount_excl_tax" numeric(18, 2) NOT NULL,
	"tax_amount" numeric(18, 2) NOT NULL,
	"floor_price" numeric(18, 6),
	"standard_cost" numeric(18, 6),
	"lead_time_days" integer,
	"standard_warranty_months" integer,
	"wanted_delivery_date" date,
	"is_non_standard" boolean DEFAULT false NOT NULL,
	"is_technically_reviewed" boolean DEFAULT false NOT NULL,
	"requirement_line_id" uuid,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "contract_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "contract_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reason" text,
	"payment_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivery_terms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warranty_months" integer DEFAULT 12 NOT NULL,
	"late_penalty" jsonb DEFAULT '{"capPercent":"5"}'::jsonb NOT NULL,
	"amount_incl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount_excl_tax" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"cost_amount" numeric(18, 2),
	"review" jsonb,
	"effective_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "contract_line" ADD CONSTRAINT "contract_line_version_id_contract_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."contract_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contract"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contract_number_key" ON "contract" USING btree ("number");--> statement-breakpoint
CREATE INDEX "contract_updated_idx" ON "contract" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "contract_owner_updated_idx" ON "contract" USING btree ("owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contract_department_updated_idx" ON "contract" USING btree ("department_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contract_customer_idx" ON "contract" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "contract_opportunity_idx" ON "contract" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "contract_quote_idx" ON "contract" USING btree ("quote_id");--> statement-breakpoint
CREATE INDEX "contract_signed_date_idx" ON "contract" USING btree ("signed_date","id");--> statement-breakpoint
CREATE INDEX "contract_status_updated_idx" ON "contract" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "contract_title_trgm_idx" ON "contract" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contract_customer_name_trgm_idx" ON "contract" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contract_number_trgm_idx" ON "contract" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contract_line_version_idx" ON "contract_line" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "contract_line_contract_idx" ON "contract_line" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_line_product_idx" ON "contract_line" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_version_no_key" ON "contract_version" USING btree ("contract_id","version_no");