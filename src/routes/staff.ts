// The staff home: what each role can do from here.
import { Router } from "express";
import { allow } from "../auth/roles.js";

export function staffRouter(): Router {
  const router = Router();
  router.get("/staff", allow("admin", "coordinator", "researcher"), (req, res) => {
    const role = req.user!.role;
    res.render("pages/staff-home", {
      pageTitle: "Staff home",
      isAdmin: role === "admin",
      isCoordinator: role === "admin" || role === "coordinator",
      isResearcher: role === "admin" || role === "researcher",
    });
  });
  return router;
}
