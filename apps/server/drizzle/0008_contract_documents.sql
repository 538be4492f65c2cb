CREATE TABLE "requirement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_name" text,
	"opportunity_id" uuid,
	"opportunity_name" text,
	"owner_id" uuid NOT NULL,
	"department_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"wanted_date" date,
	"notes" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_instance_id" text,
	"submitted_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decision_comment" text,
	"cancel_reason" text,
	"contract_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requirement_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"product_id" uuid,
	"material_code" text,
	"name" text NOT NULL,
	"spec" text,
	"unit" text,
	"requested" jsonb NOT NULL,
	"description" text,
	"parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qty" numeric(18, 4) NOT NULL,
	"wanted_date" date,
	"decision" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"created_product_id" uuid,
	"was_non_standard" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_archive_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "contract_archive_warning" (
	"contract_id" uuid NOT NULL,
	"warned_on" date NOT NULL,
	"missing_kinds" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_archive_warning_contract_id_warned_on_pk" PRIMARY KEY("contract_id","warned_on")
);
--> statement-breakpoint
CREATE TABLE "contract_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"source" text DEFAULT 'uploaded' NOT NULL,
	"current_version_no" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_document_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"template_id" uuid,
	"template_version_no" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "contract_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"contract_type" text,
	"description" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_builtin" boolean DEFAULT false NOT NULL,
	"current_version_no" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_template_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"placeholders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requirement_line" ADD CONSTRAINT "requirement_line_requirement_id_requirement_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_archive_warning" ADD CONSTRAINT "contract_archive_warning_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contract"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_document" ADD CONSTRAINT "contract_document_contract_id_contract_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contract"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_document_version" ADD CONSTRAINT "contract_document_version_document_id_contract_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."contract_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_template_version" ADD CONSTRAINT "contract_template_version_template_id_contract_template_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."contract_template"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_number_key" ON "requirement" USING btree ("number");--> statement-breakpoint
CREATE INDEX "requirement_updated_idx" ON "requirement" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "requirement_owner_updated_idx" ON "requirement" USING btree ("owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "requirement_department_updated_idx" ON "requirement" USING btree ("department_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "requirement_status_updated_idx" ON "requirement" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "requirement_customer_idx" ON "requirement" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "requirement_opportunity_idx" ON "requirement" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "requirement_title_trgm_idx" ON "requirement" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "requirement_customer_name_trgm_idx" ON "requirement" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "requirement_line_requirement_idx" ON "requirement_line" USING btree ("requirement_id","position");--> statement-breakpoint
CREATE INDEX "requirement_line_product_idx" ON "requirement_line" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "contract_document_contract_idx" ON "contract_document" USING btree ("contract_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_document_generated_key" ON "contract_document" USING btree ("contract_id") WHERE "contract_document"."source" = 'generated';--> statement-breakpoint
CREATE UNIQUE INDEX "contract_document_version_no_key" ON "contract_document_version" USING btree ("document_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_template_name_key" ON "contract_template" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_template_builtin_key" ON "contract_template" USING btree ("is_builtin") WHERE "contract_template"."is_builtin";--> statement-breakpoint
CREATE UNIQUE INDEX "contract_template_version_no_key" ON "contract_template_version" USING btree ("template_id","version_no");