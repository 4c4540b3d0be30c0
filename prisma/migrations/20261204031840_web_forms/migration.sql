-- AlterTable
ALTER TABLE "lead_delivery" ADD COLUMN     "formId" TEXT;

-- CreateTable
CREATE TABLE "web_form" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "consentText" TEXT,
    "consentRequired" BOOLEAN NOT NULL DEFAULT false,
    "thankYou" TEXT,
    "redirectUrl" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "web_form_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "web_form_sourceId_key" ON "web_form"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "web_form_slug_key" ON "web_form"("slug");

-- AddForeignKey
ALTER TABLE "lead_delivery" ADD CONSTRAINT "lead_delivery_formId_fkey" FOREIGN KEY ("formId") REFERENCES "web_form"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "web_form" ADD CONSTRAINT "web_form_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "lead_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
