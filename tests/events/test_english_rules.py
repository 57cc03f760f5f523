"""English trigger rules (src/rasad/data/triggers/en.yaml) for every ACLED sub-event type.

Each sentence is written for the project in the style of English conflict news and of ACLED's
codebook definitions; the main event of the text (highest confidence) must have the sub-type.
"""

from __future__ import annotations

import pytest
from events_helpers import run

from rasad.model import Event


def main_sub(text: str) -> str:
    evs: list[Event] = run(text, "en")
    if not evs:
        return "none"
    return max(evs, key=lambda e: e.confidence).sub_event_type


# one case a line: "sub_event_type | sentence"
TABLE = """
# protests: severity decides the sub-type
peaceful_protest | Hundreds of people rallied in Basra on Friday to demand jobs and electricity.
peaceful_protest | Farmers blocked the main road near Mosul with their tractors to protest low wheat prices.
peaceful_protest | Hundreds of farmers took out a procession in Patiala demanding loan waivers.
protest_with_intervention | Security forces used water cannon against students protesting in Erbil.
protest_with_intervention | Police arrested a dozen protesters during a demonstration in Sulaymaniyah.
protest_with_intervention | Police lathicharged students protesting outside the university in Lucknow.
excessive_force_against_protesters | Security forces opened fire on protesters in Nasiriyah, killing three.
excessive_force_against_protesters | Two protesters were shot dead when troops fired on a rally in Daraa.
violent_demonstration | Demonstrators clashed with security forces in Baghdad, injuring several policemen.
violent_demonstration | Protesters vandalised shops and pelted security forces with rocks in Hasakah.
violent_demonstration | The protesters turned violent and pelted stones at the police in Srinagar.
# riots without a protest: a mob
mob_violence | A mob attacked a man accused of blasphemy in Idlib and beat him to death.
mob_violence | Villagers lynched two suspected thieves in a village near Deir ez-Zor.
# strategic developments
change_to_group_activity | The Syrian army sent reinforcements to the frontlines in southern Idlib.
change_to_group_activity | Turkish forces deployed additional troops and armoured vehicles in Al-Bab.
change_to_group_activity | Dozens of fighters defected from the Free Syrian Army and joined the SDF.
change_to_group_activity | A new armed group was formed in Daraa to fight the government forces.
change_to_group_activity | The SDF redeployed its forces along the contact line near Manbij.
disrupted_weapons_use | Iraqi security forces seized a large cache of weapons and explosives in Anbar.
disrupted_weapons_use | Army engineers defused a roadside bomb planted on the road between Kirkuk and Tikrit.
disrupted_weapons_use | Russian forces shot down two drones approaching their base in Latakia.
disrupted_weapons_use | Demining teams cleared hundreds of landmines from farmland near Raqqa.
disrupted_weapons_use | Security forces recovered a cache of arms and ammunition from a hideout in Manipur.
agreement | The warring sides agreed to a ceasefire in Tal Rifaat on Wednesday.
agreement | The two sides carried out a prisoner exchange near Al-Bab.
agreement | The government and the rebels signed a peace agreement in Juba on Saturday.
arrests | Iraqi police arrested five suspects in Mosul on Thursday.
headquarters_or_base_established | Turkish forces established a new military base near Kafr Nouran.
headquarters_or_base_established | The army set up a new camp in the forest area of Bijapur.
looting_property_destruction | Militiamen looted houses in the village of Al-Hamra after its residents fled.
looting_property_destruction | ISIS militants burned several houses in a village near Tuz Khurmatu.
looting_property_destruction | Unidentified men set fire to wheat crops in fields near Qamishli.
non_violent_transfer_of_territory | The SDF handed over the town of Manbij to Syrian government forces.
# violence against civilians
attack | Gunmen shot dead a civilian in the town of Al-Busayrah.
attack | ISIS militants executed three shepherds in the Badia desert.
attack | Suspected militants shot dead a civilian in Pulwama district on Sunday evening.
abduction_forced_disappearance | Unknown gunmen kidnapped a businessman in Kirkuk on Saturday.
sexual_violence | Militiamen raped a woman in a village near Afrin.
# explosions / remote violence
air_drone_strike | Government helicopters dropped barrel bombs on Kafr Zita.
shelling_artillery_missile_attack | Rockets landed near the US embassy in Baghdad on Sunday.
remote_explosive_landmine_ied | A shepherd was killed when a landmine exploded in the desert near Palmyra.
suicide_bomb | A suicide bomber blew himself up at a checkpoint in Tikrit.
grenade | An unknown assailant threw a hand grenade at a shop in Basra.
chemical_weapon | Government forces used chlorine gas against rebel positions in Kabani.
# battles
armed_clash | Clashes broke out between the SDF and ISIS cells near Hajin.
armed_clash | Two militants were killed in an encounter with security forces in Kupwara district.
armed_clash | Maoists ambushed a police patrol in Sukma, killing three policemen.
government_regains_territory | The Syrian army recaptured the town of Khan Sheikhoun from the rebels.
non_state_actor_overtakes_territory | ISIS militants captured the village of Al-Shafa after fighting the SDF.
# place-less snippets: unambiguous forms stand on their own
armed_clash | Taliban fighters attacked a checkpoint in the province overnight, killing four policemen.
armed_clash | Soldiers and militants traded fire for hours in the mountains.
disrupted_weapons_use | Police seized 200 kg of explosives from a truck at a checkpoint.
disrupted_weapons_use | A landmine was detected and safely removed by the army's engineering unit.
change_to_group_activity | Hundreds of new recruits joined the militia after the call for volunteers.
attack | Militants killed a teacher in front of his students in the village school.
mob_violence | Supporters of two rival parties clashed with sticks and stones, injuring ten people.
violent_demonstration | Violent protests erupted as demonstrators torched buses and ransacked shops.
excessive_force_against_protesters | Security forces killed two protesters during demonstrations on Friday.
# protest severity words of ACLED's codebook: clashes and vandalism, serious injury, dispersal
violent_demonstration | Clashes broke out between the police and students protesting fee hikes in Kirkuk.
violent_demonstration | Demonstrators overturned a police car during the protest in Basra.
excessive_force_against_protesters | One demonstrator died of his wounds after police fired on a rally in Kut.
excessive_force_against_protesters | Several protesters were hospitalised after police charged a march in Kut.
protest_with_intervention | Police tear-gassed teachers protesting outside the ministry in Erbil.
protest_with_intervention | Police detained the organisers of the sit-in and dispersed the rest in Duhok.
# what was seized is weapons, not a place; a bomb found and made safe is no explosion
disrupted_weapons_use | The army seized three rocket launchers and ammunition from a farm near Mosul.
disrupted_weapons_use | Police spotted a roadside bomb near the market and defused it.
# curfews, states of emergency, coups: "other", when nothing else is told
other | The authorities imposed a curfew on the city of Kirkuk on Tuesday.
other | The president declared a state of emergency in the capital.
# officials and clerics shot dead are civilians attacked; protesters acting violently
attack | Gunmen shot dead a local official outside his home in Kirkuk.
violent_demonstration | Students protesting in Erbil attacked the office of the ruling party.
# troops moved in, security reinforced, a group renamed: a change to a group's activity
change_to_group_activity | Hundreds of troops were moved into the district ahead of the vote.
change_to_group_activity | Security was tightened across the city of Kirkuk before the religious festival.
change_to_group_activity | The faction said it was changing its name to the Levant Liberation Front.
# property destroyed: the object says it (a temple, the homes of suspects)
looting_property_destruction | Unknown persons vandalised a temple in the village on Sunday night.
looting_property_destruction | Soldiers demolished the homes of two suspected militants in the village.
# the dead of a raid are an attack even when houses are burned too; crossfire is a battle
attack | Bandits raided the village, killing nine residents and burning houses.
armed_clash | A farmer was killed in crossfire between troops and militants near Kabani.
# students dispersed with tear gas: a protest with intervention even if "protest" is not said
protest_with_intervention | Police used batons and tear gas to disperse students demanding lower fees.
disrupted_weapons_use | Police averted a disaster by detecting a powerful IED under the bridge.
# a comma ends the frame: the retaliation is told as news
armed_clash | In retaliation for the killing of their commander, militants attacked a checkpoint in Kabani.
# the object of "to protest" is the grievance, not what happened at the protest; a release
# demanded is no release
peaceful_protest | Villagers blocked the highway near Kabani to protest the killing of a farmer.
violent_demonstration | Villagers protested the killing of a farmer and torched a police post in Kabani.
peaceful_protest | Hundreds of people marched in Kabani on Friday demanding the release of detainees.
# an armed side killing fighters, gunfire exchanged, weapons laid down
armed_clash | Security forces killed three militants in an operation in the district.
armed_clash | Troops and militants exchanged heavy gunfire for hours in the forest.
agreement | Forty rebels laid down their weapons and joined the peace process.
# positions taken up and arms taken up are changes to a group; "the abandoned factory" is no withdrawal
change_to_group_activity | Troops took up positions in the abandoned factory in Kabani.
change_to_group_activity | Dozens of young men took up arms and joined the rebels in Kabani.
# crowds of civilians killing or fighting each other are a mob; what they suspected is no event
mob_violence | A group of villagers beat two men to death on suspicion of child kidnapping.
mob_violence | Supporters of the two parties clashed in Kabani, leaving five injured.
arrests | Police arrested two men suspected of planting the bomb in Kabani.
# ACLED's excessive force: lethal, or serious injury (hospital), or said to be excessive
excessive_force_against_protesters | A protester died after being hit by a tear gas canister in Kabani.
excessive_force_against_protesters | Police beat protesters with batons, sending dozens to hospital.
excessive_force_against_protesters | Security forces used excessive force against peaceful protesters.
violent_demonstration | Protesters set a police vehicle on fire in Kabani.
protest_with_intervention | Police cleared the sit-in outside the ministry in Kabani early on Monday.
# a handover under a deal is the transfer of the place
non_violent_transfer_of_territory | Under a deal with the army, the rebels handed over the town of Busra.
"""
CASES = [tuple(x.strip() for x in ln.split("|")) for ln in TABLE.splitlines() if "|" in ln]


@pytest.mark.parametrize(("sub", "text"), CASES, ids=[f"{i:02d}-{c[0]}" for i, c in enumerate(CASES)])
def test_sub_event_type_of_an_english_sentence(sub: str, text: str) -> None:
    assert main_sub(text) == sub


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake struck southern Turkey, killing dozens of people.",
        "Floods swept through villages in Idlib, leaving thousands homeless.",
        "A man was arrested for stealing a car in Baghdad.",
        "The finance ministry published its quarterly budget figures on Monday.",
        "A bus overturned on the Hama road, and the drivers involved were questioned about speeding.",
        "A chlorine leak at a water treatment plant in Basra sent dozens to hospital.",
        "The navy test-fired a new anti-ship missile off the coast on Tuesday.",
        "An explosion at a fuel station in Basra killed two workers on Monday.",
        "Police recovered two unlicensed pistols from a gang of car thieves in Basra.",
        # diplomacy: the weapons as a treaty or a file, a government's protest
        "The Organisation for the Prohibition of Chemical Weapons said its team would visit Douma next week.",
        "Moscow and Washington discussed the destruction of Syria's chemical weapons stockpile on Tuesday.",
        "The Security Council met on Thursday to vote on a draft resolution about chemical weapons in Syria.",
        "The foreign ministry summoned the Iraqi ambassador to protest remarks by his government.",
        "Ankara lodged a formal protest with Baghdad over the visit.",
        # calls, threats and plans: nothing has happened yet
        "The teachers' union called for a protest in front of the ministry in Erbil on Friday.",
        "Farmers threatened to stage a sit-in outside the governor's office in Kirkuk.",
        # who did it argued over: blame, sanctions, denials
        "Western governments blamed the government for the sarin attack on the town of Kabani.",
        "Washington imposed sanctions on two generals over the use of chemical weapons.",
    ],
)
def test_routine_non_conflict_text_yields_no_event(text: str) -> None:
    assert run(text, "en") == []


def test_severity_told_in_the_next_sentence_goes_to_the_protest() -> None:
    text = "Demonstrators gathered in Tahrir Square in Baghdad. Police fired tear gas to disperse the crowd."
    assert main_sub(text) == "protest_with_intervention"
    text = "Protesters gathered in Karbala. Security forces fired live ammunition at them, killing two."
    assert main_sub(text) == "excessive_force_against_protesters"
    assert (
        main_sub("Hundreds of people protested in Sweida. Some of them torched the governorate building.")
        == "violent_demonstration"
    )


def test_a_next_sentence_with_its_own_protest_keeps_its_cues() -> None:
    evs = run(
        "Hundreds of people protested in Basra on Friday. "
        "In Nasiriyah, police fired tear gas at protesters who had gathered near the council.",
        "en",
    )
    subs = {e.location.name: e.sub_event_type for e in evs if e.location}
    assert subs.get("Basra") == "peaceful_protest"


def test_riot_police_and_effigies_do_not_make_a_protest_violent() -> None:
    assert main_sub("Riot police broke up a rally of teachers demanding unpaid salaries in Kirkuk.") == (
        "protest_with_intervention"
    )
    text = "Students burned an effigy of the governor during a protest in Basra."
    assert main_sub(text) == "peaceful_protest"


def test_a_crowd_that_storms_and_burns_is_a_riot_not_a_capture() -> None:
    text = "Angry demonstrators stormed the municipal offices in Kut and set them ablaze."
    assert main_sub(text) == "violent_demonstration"
    text = "Protesters hurled stones at police and burned tyres outside the oil company gate in Basra."
    assert main_sub(text) == "violent_demonstration"
    assert (
        main_sub("An angry crowd set fire to the house of a local official after a dispute in Daraa.")
        == "mob_violence"
    )


def test_the_victim_decides_between_attack_and_clash() -> None:
    assert main_sub("Unidentified gunmen shot dead two soldiers at a checkpoint near Daraa.") == "armed_clash"
    assert main_sub("Unidentified gunmen shot dead a shepherd near Daraa.") == "attack"


def test_a_protest_told_over_a_snippet_takes_its_strongest_cue() -> None:
    # no known place: the snippet's protest sentences are one protest, the most severe wins
    text = (
        "Thousands of workers staged a rally against the new labour law. "
        "The protesters later pelted the police with stones near the ministry."
    )
    evs = run(text, "en")
    assert [e.sub_event_type for e in evs] == ["violent_demonstration"]


def test_arrests_at_a_protest_and_a_protest_against_an_arrest() -> None:
    text = "Dozens of activists were taken into custody during a protest outside parliament."
    assert main_sub(text) == "protest_with_intervention"
    text = "Residents of Raqqa staged a sit-in outside the council to protest the arrest of a teacher."
    assert main_sub(text) == "peaceful_protest"


def test_the_toll_of_shelling_is_not_a_separate_attack() -> None:
    evs = run("Regime shelling killed six civilians in the town of Kafranbel on Saturday.", "en")
    assert [e.sub_event_type for e in evs] == ["shelling_artillery_missile_attack"]
    assert main_sub("Militants killed eight villagers in a village near Kirkuk.") == "attack"


def test_a_curfew_after_a_capture_is_not_an_event_of_its_own() -> None:
    evs = run(
        "Rebel fighters captured the town of Al-Shafa from ISIS. A curfew was imposed in the town on Monday.",
        "en",
    )
    subs = {e.sub_event_type for e in evs}
    assert "non_state_actor_overtakes_territory" in subs
    assert "other" not in subs


def test_a_lifted_curfew_is_no_event() -> None:
    assert run("The authorities lifted the curfew in Kirkuk on Tuesday.", "en") == []



def test_what_the_police_did_told_without_a_place_goes_to_the_protest_at_its_place() -> None:
    evs = run(
        "Students marched in Basra on Monday. "
        "Police opened fire on protesters near the university, killing one.",
        "en",
    )
    protests = [e for e in evs if e.event_type == "protests"]
    assert [(e.sub_event_type, e.location.name if e.location else None) for e in protests] == [
        ("excessive_force_against_protesters", "Basra")
    ]


def test_a_short_note_keeps_an_event_whose_clause_names_no_place() -> None:
    # the place is named, but not in the clause of the event: the note's event is kept, unplaced
    evs = run("In Nasiriyah, one demonstrator died of his wounds after police fired on the crowd.", "en")
    assert "excessive_force_against_protesters" in {e.sub_event_type for e in evs}


def test_a_place_recaptured_from_insurgents_with_no_gainer_named_is_regained_by_the_state() -> None:
    evs = run("The town of Tal Abyad was recaptured from ISIS militants on Sunday.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("government_regains_territory", None, "ISIS")
    ]


def test_a_claim_of_responsibility_and_deployed_air_defences_are_no_new_attack() -> None:
    text = "The group claimed responsibility for the car bombing in a statement on Telegram."
    assert main_sub(text) == "none"
    assert main_sub("Russia deployed air defences near Qamishli airport.") == "change_to_group_activity"
    assert main_sub("Russia deployed fighter jets to Qamishli airport.") == "change_to_group_activity"


def test_a_grenade_blast_is_a_grenade_and_gas_rockets_are_the_chemical_attack() -> None:
    assert main_sub("A grenade exploded outside a shop in Kirkuk, wounding two people.") == "grenade"
    evs = run(
        "Rockets hit the town of Kabani on Tuesday. Doctors said the rockets carried chlorine gas, "
        "and dozens suffered breathing problems in Kabani.",
        "en",
    )
    assert {e.sub_event_type for e in evs} == {"chemical_weapon"}


def test_an_industrial_explosion_is_no_attack() -> None:
    assert run("An explosion at a transformer in Basra cut power to several districts.", "en") == []


def test_weapons_seized_from_drug_smugglers_are_police_work() -> None:
    assert run("Police seized a cache of pistols from a gang of drug smugglers in Basra.", "en") == []
    text = "Iraqi forces seized a weapons cache left by ISIS near Tikrit."
    assert main_sub(text) == "disrupted_weapons_use"
