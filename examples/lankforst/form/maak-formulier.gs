/**
 * Maakt het formulier 'Registratie sociaal gesprek Meer dan Steen Alleen'.
 * Gebruik: script.google.com, Nieuw project, plak dit bestand, voer maakFormulier uit.
 * Gemaakt door `mdsa form`; past precies bij forms.yaml.
 */
function maakFormulier() {
  var form = FormApp.create("Registratie sociaal gesprek Meer dan Steen Alleen");
  form.setDescription("Vul dit formulier direct na het huisbezoek in (ongeveer tien minuten). Schrijf in de open vragen wat de bewoner vertelde, geordend naar persoon en omgeving. Namen, telefoonnummers en adressen in de tekst worden bij het anonimiseren verwijderd; schrijf ze liever niet op.");
  form.setCollectEmail(false);
  form.addSectionHeaderItem().setTitle("Het bezoek").setHelpText("Wie bezocht wie, en wanneer.");
  form.addTextItem().setTitle("Naam medewerker").setRequired(true);
  form.addDateItem().setTitle("Datum huisbezoek").setRequired(true);
  form.addTextItem().setTitle("Adres (straat en huisnummer)").setHelpText("Straatnaam en huisnummer met toevoeging, zoals 12a of 103-2.").setRequired(true);
  form.addTextItem().setTitle("Postcode");
  form.addMultipleChoiceItem().setTitle("Is er een sociaal gesprek gevoerd?").setChoiceValues(["Ja, er is een sociaal gesprek gevoerd", "Nee, de bewoner wilde geen gesprek", "Niemand thuis", "Alleen de technische opname, geen gesprek"]).setHelpText("Vul het formulier ook in als niemand thuis was of de bewoner geen gesprek wilde; laat de vragen hierna dan leeg.");
  form.addPageBreakItem().setTitle("Contact voor terugkoppeling").setHelpText("Alleen invullen als de bewoner teruggebeld of gemaild wil worden.");
  form.addTextItem().setTitle("Naam bewoner");
  form.addTextItem().setTitle("Telefoonnummer bewoner");
  form.addTextItem().setTitle("E-mailadres bewoner");
  form.addPageBreakItem().setTitle("Het huishouden").setHelpText("Gesloten vragen over het huishouden.");
  form.addMultipleChoiceItem().setTitle("Leeftijdsgroep").setChoiceValues(["Jonger dan 25", "25 tot 45", "45 tot 65", "65 tot 80", "80 of ouder"]);
  form.addMultipleChoiceItem().setTitle("Samenstelling huishouden").setChoiceValues(["Alleenstaand", "Alleenstaand met kind(eren)", "Samenwonend zonder kinderen", "Samenwonend met kind(eren)", "Anders"]);
  form.addTextItem().setTitle("Hoeveel jaar woont u in de buurt?").setHelpText("Een getal; minder dan een jaar is 0.");
  form.addPageBreakItem().setTitle("Schaalvragen").setHelpText("Een cijfer van 1 tot en met 10.");
  form.addScaleItem().setTitle("Hoe tevreden bent u met uw buurt? (1 = zeer ontevreden, 10 = zeer tevreden)").setBounds(1, 10);
  form.addScaleItem().setTitle("Hoe prettig is het contact met uw buren? (1-10)").setBounds(1, 10);
  form.addScaleItem().setTitle("Hoe veilig voelt u zich in de buurt? (1-10)").setBounds(1, 10);
  form.addGridItem().setTitle("Oordeel over voorzieningen in de buurt").setRows(["Winkels", "Groen en speelplekken", "Openbaar vervoer", "Buurthuis"]).setColumns(["Slecht", "Matig", "Goed", "Weet niet"]);
  form.addPageBreakItem().setTitle("Het gesprek: persoon").setHelpText("Wat vertelde de bewoner over zichzelf? Gebruik de gesprekskaarten Waarde van Welzijn.");
  form.addCheckboxItem().setTitle("Gekozen gesprekskaarten").setChoiceValues(["Leven", "Gezondheid", "Veiligheid", "Denken en leren", "Gevoelens", "Eigen keuzes maken", "Contact met anderen", "Natuur en dieren", "Ontspanning en spel", "Invloed op je omgeving"]).showOtherOption(true);
  form.addParagraphTextItem().setTitle("Belemmeringen");
  form.addParagraphTextItem().setTitle("Kansen");
  form.addParagraphTextItem().setTitle("Talenten en wensen");
  form.addPageBreakItem().setTitle("Het gesprek: omgeving").setHelpText("Wat vertelde de bewoner over de buurt, de woning en de mensen eromheen?");
  form.addParagraphTextItem().setTitle("Belemmeringen");
  form.addParagraphTextItem().setTitle("Kansen");
  form.addPageBreakItem().setTitle("Vervolg").setHelpText("Directe acties en meedoen.");
  form.addCheckboxItem().setTitle("Soort actie").setChoiceValues(["Zorgsignaal", "Welzijnsvraag", "Woning (onderhoud, vocht, schimmel)", "Participatie"]).showOtherOption(true);
  form.addMultipleChoiceItem().setTitle("Wil de bewoner meedoen aan activiteiten in de buurt?").setChoiceValues(["Ja", "Nee", "Misschien"]);
  form.addParagraphTextItem().setTitle("Overige opmerkingen");
  Logger.log('Formulier bewerken: ' + form.getEditUrl());
}
