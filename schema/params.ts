import * as z from "zod";
import { Slug } from "./common";

export const SiteParam = z.object({ site: Slug });
export const ServiceParam = z.object({ service: Slug });
export const SurveyParam = z.object({ site: Slug, survey: Slug });
