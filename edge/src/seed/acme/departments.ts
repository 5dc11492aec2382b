import type { SeedDepartment } from "../types.ts";

/** ACME departments (13). `roleName` is the department-derived role used by skill rules. */
export const departments: SeedDepartment[] = [
  { id: "dept-eng", name: "Engineering", parentId: null, roleName: "engineering" },
  { id: "dept-eng-platform", name: "Platform Team", parentId: "dept-eng", roleName: "devops" },
  { id: "dept-eng-backend", name: "Backend Team", parentId: "dept-eng", roleName: "engineering" },
  { id: "dept-eng-frontend", name: "Frontend Team", parentId: "dept-eng", roleName: "engineering" },
  { id: "dept-eng-qa", name: "QA Team", parentId: "dept-eng", roleName: "qa" },
  { id: "dept-sales", name: "Sales", parentId: null, roleName: "sales" },
  { id: "dept-sales-ent", name: "Enterprise Sales", parentId: "dept-sales", roleName: "sales" },
  { id: "dept-sales-smb", name: "SMB Sales", parentId: "dept-sales", roleName: "sales" },
  { id: "dept-product", name: "Product", parentId: null, roleName: "product" },
  { id: "dept-finance", name: "Finance", parentId: null, roleName: "finance" },
  { id: "dept-hr", name: "HR & Admin", parentId: null, roleName: "hr" },
  { id: "dept-cs", name: "Customer Success", parentId: null, roleName: "csm" },
  { id: "dept-legal", name: "Legal & Compliance", parentId: null, roleName: "legal" },
];
