// The wording a survey's emails start with, until a coordinator edits it.
import type { TemplateKind } from "./email-template-kinds.js";

export type TemplateParts = { subject: string; html: string; text: string };

const optOutText = "If your agency does not want to take part, you can stop all survey emails here: {{optOutLink}}";
const optOutHtml =
  '<p>If your agency does not want to take part, you can <a href="{{optOutLink}}">stop all survey emails</a>.</p>';
const greetingText = "{{#if contactName}}Dear {{contactName}},{{else}}Dear colleague,{{/if}}";
const greetingHtml = "<p>{{#if contactName}}Dear {{contactName}},{{else}}Dear colleague,{{/if}}</p>";
const deadlineText = "{{#if deadline}} Please answer by {{deadline}}.{{/if}}";

export const DEFAULT_TEMPLATES: Record<TemplateKind, TemplateParts> = {
  invitation: {
    subject: "{{agencyName}}: your invitation to the Law Enforcement Use of Social Media Survey",
    text: `${greetingText}

We are asking law-enforcement agencies across the United States how they use social media: what for, how they manage it, the tone they take, what stands in the way and what would help. {{agencyName}} is one of the agencies we would like to hear from.

The survey takes about 15 minutes. You can stop at any time and come back to the same page later, on any device.${deadlineText}

Your agency's personal link (please do not forward it outside your agency):
{{link}}

${optOutText}

{{coordinatorSignature}}
`,
    html: `${greetingHtml}
<p>We are asking law-enforcement agencies across the United States how they use social media: what for, how they manage it, the tone they take, what stands in the way and what would help. {{agencyName}} is one of the agencies we would like to hear from.</p>
<p>The survey takes about 15 minutes. You can stop at any time and come back to the same page later, on any device.{{#if deadline}} Please answer by {{deadline}}.{{/if}}</p>
<p><a href="{{link}}">Start the survey for {{agencyName}}</a></p>
<p>This link is personal to your agency; please do not forward it outside your agency.</p>
${optOutHtml}
<p>{{coordinatorSignature}}</p>
`,
  },
  reminder: {
    subject: "Reminder: {{agencyName}} and the Law Enforcement Use of Social Media Survey",
    text: `${greetingText}

A few weeks ago we invited {{agencyName}} to the Law Enforcement Use of Social Media Survey. We have not received your agency's answers yet, and every agency's experience counts, whether or not it uses social media.${deadlineText}

If you have already started, the same link takes you back to where you stopped:
{{link}}

${optOutText}

{{coordinatorSignature}}
`,
    html: `${greetingHtml}
<p>A few weeks ago we invited {{agencyName}} to the Law Enforcement Use of Social Media Survey. We have not received your agency's answers yet, and every agency's experience counts, whether or not it uses social media.{{#if deadline}} Please answer by {{deadline}}.{{/if}}</p>
<p>If you have already started, the same link takes you back to where you stopped.</p>
<p><a href="{{link}}">Continue the survey for {{agencyName}}</a></p>
${optOutHtml}
<p>{{coordinatorSignature}}</p>
`,
  },
  thank_you: {
    subject: "Thank you, {{agencyName}}",
    text: `${greetingText}

Thank you for completing the Law Enforcement Use of Social Media Survey for {{agencyName}}. Your answers have arrived and nothing more is needed from you.

You can still see a copy of your answers here: {{link}}

{{coordinatorSignature}}
`,
    html: `${greetingHtml}
<p>Thank you for completing the Law Enforcement Use of Social Media Survey for {{agencyName}}. Your answers have arrived and nothing more is needed from you.</p>
<p>You can still <a href="{{link}}">see a copy of your answers</a>.</p>
<p>{{coordinatorSignature}}</p>
`,
  },
};
