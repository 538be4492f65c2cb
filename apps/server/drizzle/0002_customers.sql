CREATE TABLE "contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"mobile" text,
	"mobile_digits" text,
	"phone" text,
	"email" text,
	"wechat" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "customer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"name_pinyin" text DEFAULT '' NOT NULL,
	"pinyin_initials" text DEFAULT '' NOT NULL,
	"short_name" text,
	"credit_code" text,
	"type" text NOT NULL,
	"industry" text,
	"country" text DEFAULT '中国' NOT NULL,
	"province" text,
	"city" text,
	"address" text,
	"grade" text DEFAULT 'D' NOT NULL,
	"status" text DEFAULT 'prospect' NOT NULL,
	"source" text,
	"owner_id" uuid,
	"department_id" uuid,
	"last_activity_at" timestamp (3) with time zone,
	"last_deal_at" timestamp (3) with time zone,
	"credit_limit" numeric(18, 2),
	"credit_days" integer,
	"tax_id" text,
	"billing_address" text,
	"billing_phone" text,
	"bank_name" text,
	"bank_account" text,
	"registry" jsonb,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_customer_idx" ON "contact" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contact_mobile_idx" ON "contact" USING btree ("mobile_digits");--> statement-breakpoint
CREATE INDEX "contact_email_idx" ON "contact" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "customer_credit_code_key" ON "customer" USING btree ("credit_code") WHERE "customer"."credit_code" is not null;--> statement-breakpoint
CREATE INDEX "customer_normalized_name_idx" ON "customer" USING btree ("normalized_name");--> statement-breakpoint
CREATE INDEX "customer_normalized_name_trgm_idx" ON "customer" USING gin ("normalized_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_name_pinyin_trgm_idx" ON "customer" USING gin ("name_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_name_trgm_idx" ON "customer" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_owner_idx" ON "customer" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customer_department_idx" ON "customer" USING btree ("department_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customer_created_idx" ON "customer" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customer_tags_idx" ON "customer" USING gin ("tags");