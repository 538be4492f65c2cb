CREATE TABLE "approval_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "approval_action_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"instance_id" uuid NOT NULL,
	"task_id" uuid,
	"step_index" integer,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"target_user_id" uuid,
	"comment" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_definition" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"type_key" text NOT NULL,
	"active_version_no" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_definition_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"definition_id" uuid NOT NULL,
	"type_key" text NOT NULL,
	"version_no" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "approval_instance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"type_key" text NOT NULL,
	"definition_version_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"title" text NOT NULL,
	"link" text,
	"initiator_id" uuid NOT NULL,
	"initiator_department_id" uuid,
	"status" text NOT NULL,
	"current_step" integer,
	"step_states" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"kind" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"comment" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone,
	"reminded_at" timestamp (3) with time zone,
	"escalated_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_action" ADD CONSTRAINT "approval_action_instance_id_approval_instance_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."approval_instance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_definition_version" ADD CONSTRAINT "approval_definition_version_definition_id_approval_definition_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."approval_definition"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_instance" ADD CONSTRAINT "approval_instance_definition_version_id_approval_definition_version_id_fk" FOREIGN KEY ("definition_version_id") REFERENCES "public"."approval_definition_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_task" ADD CONSTRAINT "approval_task_instance_id_approval_instance_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."approval_instance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_action_instance_idx" ON "approval_action" USING btree ("instance_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_definition_type_key" ON "approval_definition" USING btree ("type_key");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_definition_version_key" ON "approval_definition_version" USING btree ("definition_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_instance_running_key" ON "approval_instance" USING btree ("type_key","record_id") WHERE "approval_instance"."status" = 'running';--> statement-breakpoint
CREATE INDEX "approval_instance_initiator_idx" ON "approval_instance" USING btree ("initiator_id","created_at","id");--> statement-breakpoint
CREATE INDEX "approval_instance_record_idx" ON "approval_instance" USING btree ("type_key","record_id");--> statement-breakpoint
CREATE INDEX "approval_task_inbox_idx" ON "approval_task" USING btree ("assignee_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "approval_task_done_idx" ON "approval_task" USING btree ("assignee_id","decided_at","id") WHERE "approval_task"."decided_at" is not null;--> statement-breakpoint
CREATE INDEX "approval_task_instance_idx" ON "approval_task" USING btree ("instance_id","step_index");--> statement-breakpoint
CREATE INDEX "approval_task_due_idx" ON "approval_task" USING btree ("due_at") WHERE "approval_task"."status" = 'pending' and "approval_task"."due_at" is not null;