//! The view as data: what persists between runs and what "Copy view" puts on the clipboard.

use crate::filters::{AreaFilter, Filters};
use crate::model::MapView;
use crate::model::date::{date_of, day_of, parse_iso_day};
use crate::model::{Category, DayNum};
use crate::time_control::Mode;
use serde::{Deserialize, Serialize};

/// Window, filters, selection and map extent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewState {
    /// First day of the window.
    pub from: DayNum,
    /// Last day of the window.
    pub to: DayNum,
    /// Window or cumulative.
    pub mode: Mode,
    /// Events outside the window shown faded.
    pub show_faded: bool,
    /// Filters.
    pub filters: Filters,
    /// The selected event's id.
    pub selected: Option<String>,
    /// The map's centre and zoom.
    pub map: MapView,
}

/// The prefix of a copied view.
const PREFIX: &str = "atlas-view:";

impl ViewState {
    /// A short text encoding the view, e.g.
    /// `atlas-view:from=2021-11-01&to=2021-11-30&mode=window&map=46.0000,39.5000,80.00&sel=ID`.
    pub fn to_text(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("from", &date_of(self.from).format("%Y-%m-%d").to_string());
        s.append_pair("to", &date_of(self.to).format("%Y-%m-%d").to_string());
        s.append_pair(
            "mode",
            match self.mode {
                Mode::Window => "window",
                Mode::Cumulative => "cumulative",
            },
        );
        if self.show_faded {
            s.append_pair("faded", "1");
        }
        s.append_pair(
            "map",
            &format!(
                "{:.4},{:.4},{:.2}",
                self.map.lon, self.map.lat, self.map.scale
            ),
        );
        if let Some(id) = &self.selected {
            s.append_pair("sel", id);
        }
        if !self.filters.text.is_empty() {
            s.append_pair("q", &self.filters.text);
        }
        if !self.filters.hidden.is_empty() {
            let hidden: Vec<&str> = self.filters.hidden.iter().map(|c| c.as_str()).collect();
            s.append_pair("hide", &hidden.join(","));
        }
        if let Some(actor) = &self.filters.actor {
            s.append_pair("actor", actor);
        }
        for area in &self.filters.areas {
            match area {
                AreaFilter::Named(name) => s.append_pair("area", name),
                AreaFilter::Box([w, so, e, n]) => {
                    s.append_pair("bbox", &format!("{w},{so},{e},{n}"))
                }
            };
        }
        format!("{PREFIX}{}", s.finish())
    }

    /// Parses a copied view; says what is wrong when it cannot.
    pub fn from_text(text: &str) -> Result<ViewState, String> {
        let body = text.trim().strip_prefix(PREFIX).ok_or_else(|| {
            format!("a view text starts with `{PREFIX}` (use \"Copy view\" in the viewer)")
        })?;
        let mut view = ViewState {
            from: 0,
            to: 0,
            mode: Mode::Window,
            show_faded: false,
            filters: Filters::default(),
            selected: None,
            map: MapView::default(),
        };
        let (mut from, mut to) = (None, None);
        for (key, value) in form_urlencoded::parse(body.as_bytes()) {
            match key.as_ref() {
                "from" => from = Some(day_of(parse_iso_day(&value)?)),
                "to" => to = Some(day_of(parse_iso_day(&value)?)),
                "mode" => {
                    view.mode = match value.as_ref() {
                        "window" => Mode::Window,
                        "cumulative" => Mode::Cumulative,
                        other => return Err(format!("unknown mode `{other}`")),
                    }
                }
                "faded" => view.show_faded = value == "1",
                "map" => {
                    let parts: Vec<f64> = value
                        .split(',')
                        .map(|p| p.trim().parse::<f64>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| format!("bad map extent `{value}`"))?;
                    let [lon, lat, scale] = parts[..] else {
                        return Err(format!("map needs lon,lat,scale, got `{value}`"));
                    };
                    if !(lon.is_finite() && lat.is_finite() && scale.is_finite() && scale > 0.0) {
                        return Err(format!("bad map extent `{value}`"));
                    }
                    view.map = MapView { lon, lat, scale };
                }
                "sel" => view.selected = Some(value.into_owned()),
                "q" => view.filters.text = value.into_owned(),
                "hide" => {
                    for name in value.split(',').filter(|n| !n.is_empty()) {
                        let c = Category::parse(name)
                            .ok_or_else(|| format!("unknown category `{name}`"))?;
                        view.filters.hidden.push(c);
                    }
                }
                "actor" => view.filters.actor = Some(value.into_owned()),
                "area" => view
                    .filters
                    .areas
                    .push(AreaFilter::Named(value.into_owned())),
                "bbox" => view.filters.areas.push(AreaFilter::parse_box(&value)?),
                other => return Err(format!("unknown view field `{other}`")),
            }
        }
        let (Some(from), Some(to)) = (from, to) else {
            return Err("a view needs `from` and `to` dates".to_owned());
        };
        if to < from {
            return Err("the view's `to` is before its `from`".to_owned());
        }
        view.from = from;
        view.to = to;
        Ok(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn sample() -> ViewState {
        let d = |y, m, dd| day_of(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        ViewState {
            from: d(2021, 11, 1),
            to: d(2021, 11, 30),
            mode: Mode::Cumulative,
            show_faded: true,
            filters: Filters {
                text: "drivers & trucks".to_owned(),
                hidden: vec![Category::Military, Category::Protest],
                actor: Some("Iran".to_owned()),
                areas: vec![
                    AreaFilter::Named("Nakhchivan".to_owned()),
                    AreaFilter::Box([45.0, 38.5, 46.25, 39.75]),
                ],
            },
            selected: Some("2021-11-21-mustafayev-visits-tehran".to_owned()),
            map: MapView {
                lon: 47.25,
                lat: 39.5,
                scale: 120.0,
            },
        }
    }

    #[test]
    fn text_round_trips() {
        let view = sample();
        let text = view.to_text();
        assert!(text.starts_with("atlas-view:from=2021-11-01&to=2021-11-30&mode=cumulative"));
        assert!(text.len() < 320, "{text}");
        assert!(
            text.contains("&area=Nakhchivan&bbox=45%2C38.5%2C46.25%2C39.75"),
            "{text}"
        );
        assert_eq!(ViewState::from_text(&text), Ok(view));
    }

    #[test]
    fn bad_texts_say_what_is_wrong() {
        assert!(
            ViewState::from_text("from=2021")
                .unwrap_err()
                .contains("atlas-view:")
        );
        let e = ViewState::from_text("atlas-view:from=2022-02-30&to=2022-03-01").unwrap_err();
        assert!(e.contains("not a real calendar date"), "{e}");
        let e = ViewState::from_text("atlas-view:from=2022-03-01&to=2022-02-01").unwrap_err();
        assert!(e.contains("before"), "{e}");
        let e =
            ViewState::from_text("atlas-view:from=2022-01-01&to=2022-02-01&hide=war").unwrap_err();
        assert!(e.contains("unknown category"), "{e}");
        let e =
            ViewState::from_text("atlas-view:from=2022-01-01&to=2022-02-01&map=1,2").unwrap_err();
        assert!(e.contains("lon,lat,scale"), "{e}");
    }
}
