/**
 * The default templates of the messages sent to customers whose language is Spanish: the same
 * messages, parts and merge tags as the English defaults (rules/messages.ts), and the office edits them
 * the same way. The merge tags keep their English names, since they are the template language; the
 * values they are filled with (dates, arrival windows, services) come in Spanish.
 */
import type { MessageKind, MessageTemplate, Templates } from './messages.js';

export const spanishTemplates: Templates = {
  invitation: {
    subject: 'Su portal de clientes de {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Consulte sus facturas, pague en línea y revise su membresía y sus equipos cuando quiera.</p><p><a href="{{CustomerPortalLink}}">Cree su cuenta</a> con esta dirección de correo electrónico.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nConsulte sus facturas, pague en línea y revise su membresía y sus equipos cuando quiera. Cree su cuenta con esta dirección de correo electrónico:\n{{CustomerPortalLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
    sms: '{{CompanyName}}: su portal de clientes está listo. Cree su cuenta: {{CustomerPortalLink}}',
  },
  invoice: {
    subject: 'Factura {{InvoiceNumber}} de {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su factura {{InvoiceNumber}} está lista. <a href="{{InvoicePayLink}}">Véala y páguela en línea</a>, o consulte todas sus facturas en <a href="{{CustomerPortalLink}}">su portal de clientes</a>.</p><p>¿Preguntas? Llame al {{CompanyPhone}}.</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu factura {{InvoiceNumber}} está lista. Véala y páguela en línea:\n{{InvoicePayLink}}\n\nTodas sus facturas, en su portal de clientes:\n{{CustomerPortalLink}}\n\n¿Preguntas? Llame al {{CompanyPhone}}.',
    sms: '{{CompanyName}}: su factura {{InvoiceNumber}} está lista. Pague en línea: {{InvoicePayLink}}',
  },
  estimate: {
    subject: 'Presupuesto {{EstimateNumber}} de {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su presupuesto {{EstimateNumber}} está listo. <a href="{{OnlineEstimateLink}}">Revise las opciones y apruébelo en línea</a>.</p><p>¿Preguntas? Llame al {{CompanyPhone}}.</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu presupuesto {{EstimateNumber}} está listo. Revise las opciones y apruébelo en línea:\n{{OnlineEstimateLink}}\n\n¿Preguntas? Llame al {{CompanyPhone}}.',
    sms: '{{CompanyName}}: su presupuesto {{EstimateNumber}} está listo: {{OnlineEstimateLink}}',
  },
  receipt: {
    subject: 'Su recibo de pago de {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Gracias por su pago. Consulte todos sus recibos en <a href="{{CustomerPortalLink}}">su portal de clientes</a>.</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nGracias por su pago. Consulte todos sus recibos en su portal de clientes:\n{{CustomerPortalLink}}',
    sms: '{{CompanyName}}: gracias por su pago.',
  },
  visit: {
    subject: 'Su visita del {{VisitDate}} con {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su visita es el {{VisitDate}}, con ventana de llegada {{ArrivalWindow}}. <a href="{{VisitStatusLink}}">Siga su visita</a>: vea quién es el técnico y cuándo va en camino.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu visita es el {{VisitDate}}, con ventana de llegada {{ArrivalWindow}}. Siga su visita (quién es el técnico y cuándo va en camino):\n{{VisitStatusLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
    sms: '{{CompanyName}}: su visita es el {{VisitDate}}, ventana de llegada {{ArrivalWindow}}. Sígala aquí: {{VisitStatusLink}}',
  },
  emailConfirmation: {
    subject: 'Confirme su cuenta del portal de {{CompanyName}}',
    html: '<p>Abra el enlace de abajo en las próximas 24 horas para confirmar que este es su correo electrónico y terminar de crear su cuenta en el portal de clientes de {{CompanyName}}.</p><p><a href="{{ConfirmEmailLink}}">Confirmar mi correo electrónico</a></p><p>Si usted no pidió una cuenta, ignore este correo.</p>',
    text: 'Abra el enlace de abajo en las próximas 24 horas para confirmar que este es su correo electrónico y terminar de crear su cuenta en el portal de clientes de {{CompanyName}}. Si usted no pidió una cuenta, ignore este correo.\n\n{{ConfirmEmailLink}}',
    sms: '',
  },
  passwordReset: {
    subject: 'Restablezca su contraseña del portal de {{CompanyName}}',
    html: '<p>Alguien pidió restablecer la contraseña de su portal de clientes de {{CompanyName}}. Si fue usted, abra el enlace de abajo en los próximos 30 minutos.</p><p><a href="{{PasswordResetLink}}">Elegir una nueva contraseña</a></p><p>Si no fue usted, ignore este correo; su contraseña no ha cambiado.</p>',
    text: 'Alguien pidió restablecer la contraseña de su portal de clientes de {{CompanyName}}. Si fue usted, abra el enlace de abajo en los próximos 30 minutos. Si no fue usted, ignore este correo; su contraseña no ha cambiado.\n\n{{PasswordResetLink}}',
    sms: '',
  },
  requestReceived: {
    subject: 'Recibimos su solicitud {{RequestReference}} — aún no está programada',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Gracias por su solicitud de {{ServiceName}}. Todavía no está programada: revisamos cada solicitud y confirmamos con usted un día y una ventana de llegada.</p><p>Sus días preferidos: {{PreferredDays}}.<br>Referencia: {{RequestReference}}</p><p>Para cualquier urgencia, llame al {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nGracias por su solicitud de {{ServiceName}}. Todavía no está programada: revisamos cada solicitud y confirmamos con usted un día y una ventana de llegada.\n\nSus días preferidos: {{PreferredDays}}.\nReferencia: {{RequestReference}}\n\nPara cualquier urgencia, llame al {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: recibimos su solicitud {{RequestReference}}. Aún no está programada: confirmaremos con usted un día y una ventana de llegada.',
  },
  requestBooked: {
    subject: 'Su visita está programada: {{VisitDate}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su visita de {{ServiceName}} está programada: {{VisitDate}}, ventana de llegada {{ArrivalWindow}}.<br>Referencia: {{RequestReference}}</p><p>Para cambiarla, llame al {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu visita de {{ServiceName}} está programada: {{VisitDate}}, ventana de llegada {{ArrivalWindow}}.\nReferencia: {{RequestReference}}\n\nPara cambiarla, llame al {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: su visita está programada para el {{VisitDate}}, ventana de llegada {{ArrivalWindow}}. Ref. {{RequestReference}}.',
  },
  requestDismissed: {
    subject: 'Sobre su solicitud {{RequestReference}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Gracias por su solicitud de {{ServiceName}}. Lo sentimos, no podemos programarla solo con la solicitud. Llámenos al {{CompanyPhone}} y buscaremos un horario que le convenga.</p><p>{{CompanyName}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nGracias por su solicitud de {{ServiceName}}. Lo sentimos, no podemos programarla solo con la solicitud.\nLlámenos al {{CompanyPhone}} y buscaremos un horario que le convenga.\n\n{{CompanyName}}',
    sms: '{{CompanyName}}: sobre su solicitud {{RequestReference}}, llámenos al {{CompanyPhone}} y buscaremos un horario que le convenga.',
  },
  estimateApproved: {
    subject: 'Usted aprobó el presupuesto {{EstimateNumber}} de {{CompanyName}}',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Gracias por aprobar el presupuesto {{EstimateNumber}}: {{ApprovedOption}}, firmado por {{SignerName}}. La copia firmada está en <a href="{{CustomerPortalLink}}">su portal de clientes</a> y en la página donde lo aprobó.</p><p>Nos comunicaremos con usted para programar el trabajo. ¿Preguntas? Llame al {{CompanyPhone}}.<br>{{CompanyName}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nGracias por aprobar el presupuesto {{EstimateNumber}}: {{ApprovedOption}}, firmado por {{SignerName}}. La copia firmada está en su portal de clientes y en la página donde lo aprobó:\n{{CustomerPortalLink}}\n\nNos comunicaremos con usted para programar el trabajo. ¿Preguntas? Llame al {{CompanyPhone}}.\n{{CompanyName}}',
    sms: '{{CompanyName}}: gracias por aprobar el presupuesto {{EstimateNumber}} ({{ApprovedOption}}). Nos comunicaremos con usted para programar el trabajo.',
  },
  visitCanceled: {
    subject: 'Su visita del {{VisitDate}} fue cancelada',
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su visita del {{VisitDate}}, con ventana de llegada {{ArrivalWindow}}, fue cancelada.</p><p>Para programar otra fecha, llame al {{CompanyPhone}} o solicite una visita en <a href="{{CustomerPortalLink}}">su portal de clientes</a>.</p><p>{{CompanyName}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu visita del {{VisitDate}}, con ventana de llegada {{ArrivalWindow}}, fue cancelada.\n\nPara programar otra fecha, llame al {{CompanyPhone}} o solicite una visita en su portal de clientes:\n{{CustomerPortalLink}}\n\n{{CompanyName}}',
    sms: '{{CompanyName}}: su visita del {{VisitDate}} fue cancelada. Llame al {{CompanyPhone}} para programar otra fecha.',
  },
};

/** The Spanish default parts that speak of paying online, as they read while online payments are off. */
export const spanishWithoutPayments: Partial<Record<MessageKind, Partial<MessageTemplate>>> = {
  invitation: {
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Consulte sus facturas y revise su membresía y sus equipos cuando quiera.</p><p><a href="{{CustomerPortalLink}}">Cree su cuenta</a> con esta dirección de correo electrónico.</p><p>{{CompanyName}} · {{CompanyPhone}}</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nConsulte sus facturas y revise su membresía y sus equipos cuando quiera. Cree su cuenta con esta dirección de correo electrónico:\n{{CustomerPortalLink}}\n\n{{CompanyName}} · {{CompanyPhone}}',
  },
  invoice: {
    html: '<p>Hola {{CustomerFirstName}}:</p><p>Su factura {{InvoiceNumber}} está lista. <a href="{{InvoicePayLink}}">Véala en línea</a>, o consulte todas sus facturas en <a href="{{CustomerPortalLink}}">su portal de clientes</a>.</p><p>Para pagar, o con cualquier pregunta, llame al {{CompanyPhone}}.</p>',
    text: 'Hola {{CustomerFirstName}}:\n\nSu factura {{InvoiceNumber}} está lista. Véala en línea:\n{{InvoicePayLink}}\n\nTodas sus facturas, en su portal de clientes:\n{{CustomerPortalLink}}\n\nPara pagar, o con cualquier pregunta, llame al {{CompanyPhone}}.',
    sms: '{{CompanyName}}: su factura {{InvoiceNumber}} está lista: {{InvoicePayLink}}',
  },
};
